// The site's only script. Every page works without it; it adds GOV.UK Frontend's
// behaviour (error summary focus, conditional reveals, character counts) and the quick exit.
import {
  Button,
  Checkboxes,
  ErrorSummary,
  NotificationBanner,
  SkipLink,
  createAll
} from 'govuk-frontend'

import { CodePointCharacterCount } from './character-count.js'
import { QuickExit } from './quick-exit.js'
import { ConditionalRadios } from './radios.js'
import { initTimeoutWarnings } from './timeout-warning.js'

// "Print this page" buttons are hidden in the HTML: without JavaScript they could do
// nothing, and the page says how to print from the browser instead.
function initPrintButtons () {
  document.querySelectorAll('[data-module="app-print-button"]').forEach(($wrapper) => {
    const $button = $wrapper.querySelector('button')
    if (!$button) return
    $button.addEventListener('click', () => window.print())
    $wrapper.hidden = false
  })
}

function start () {
  if (!document.body.classList.contains('govuk-frontend-supported')) return
  createAll(Button)
  createAll(CodePointCharacterCount)
  createAll(Checkboxes)
  createAll(ErrorSummary)
  createAll(NotificationBanner)
  createAll(ConditionalRadios)
  createAll(SkipLink)
  createAll(QuickExit)
  initTimeoutWarnings()
  initPrintButtons()
  document.dispatchEvent(new CustomEvent('app:ready'))
}

start()
