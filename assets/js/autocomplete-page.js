// Loaded only by pages with a long list to search (templates/includes/autocomplete_script.html),
// so the home page and most others do not download the autocomplete (about 20 KB gzipped).
import { initAutocompletes } from './autocomplete.js'

if (document.body.classList.contains('govuk-frontend-supported')) {
  initAutocompletes()
}
