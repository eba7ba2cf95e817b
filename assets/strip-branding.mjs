// GOV.UK Frontend's footer styles point at the GOV.UK crest. This site is not a gov.uk
// service and ships no crest, so remove every rule that references it (and any @supports
// block left empty), which also keeps collectstatic from looking for a file we don't have.
import { readFileSync, writeFileSync } from 'node:fs'

const file = process.argv[2]
let css = readFileSync(file, 'utf8')
css = css.replace(/[^{}]*\{[^{}]*govuk-crest[^{}]*\}/g, '')
css = css.replace(/@supports[^{}]*\{\}/g, '')
if (css.includes('govuk-crest')) throw new Error('GOV.UK crest still referenced')
writeFileSync(file, css)
