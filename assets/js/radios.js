// GOV.UK Frontend's radios reveal a box under a chosen option ("Something else") and mark
// that radio with aria-expanded. ARIA does not allow aria-expanded on a radio (axe:
// aria-allowed-attr), so it is left off; the revealed box follows the radio in reading order.
import { Radios } from 'govuk-frontend'

export class ConditionalRadios extends Radios {
  syncConditionalRevealWithInputState ($input) {
    super.syncConditionalRevealWithInputState($input)
    $input.removeAttribute('aria-expanded')
  }
}
