// GOV.UK Frontend's character count counts UTF-16 code units (countType "length"), so an
// emoji such as 😀 counts as 2. The server checks lengths in Unicode code points (Python's
// len(), as Django's max_length does), so this count does too: the number a person sees
// while typing is the one the server applies when they continue.
import { CharacterCount } from 'govuk-frontend'

export class CodePointCharacterCount extends CharacterCount {
  updateCount () {
    // Iterating a string yields code points; a new line is one (the browser gives "\n").
    this.count = Array.from(this.$textarea.value).length
  }
}
