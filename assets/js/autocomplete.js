// Turns long <select> lists (find your local police, which force or CPS Area) into GOV.UK's
// accessible autocomplete. The select stays in the page and is what the form submits, so
// everything still works without JavaScript.
//
// The quick exit ignores Escape while an element with aria-expanded="true" has focus. The
// autocomplete's input has that attribute while its list is open, but it re-renders (and
// sets it to "false") before the keydown reaches the document. So, in the capture phase,
// before the autocomplete sees it, an Escape that will close an open list is marked as
// handled (preventDefault), which the quick exit also respects.
import accessibleAutocomplete from 'accessible-autocomplete'

export function initAutocompletes (root = document) {
  root.querySelectorAll('select[data-module="app-autocomplete"]').forEach((select) => {
    if (select.dataset.autocompleteInit) return
    select.dataset.autocompleteInit = 'true'
    const id = select.id
    accessibleAutocomplete.enhanceSelectElement({
      selectElement: select,
      defaultValue: '',
      showNoOptionsFound: true,
      tNoResults: () => select.dataset.noResults || 'No results found'
    })
    const input = document.getElementById(id)
    if (!input) return
    const wrapper = input.closest('.autocomplete__wrapper') || input.parentNode
    wrapper.addEventListener('keydown', (event) => {
      if ((event.key === 'Escape' || event.key === 'Esc') &&
          input.getAttribute('aria-expanded') === 'true') {
        event.preventDefault()
      }
    }, true)
    // If the text typed does not match an option, submit no choice rather than an old one,
    // so the server asks again instead of using something the person did not pick.
    const form = select.form
    if (form) {
      form.addEventListener('submit', () => {
        const text = input.value.trim()
        const match = [].find.call(select.options, (option) => option.value && option.textContent.trim() === text)
        select.value = match ? match.value : ''
      })
    }
  })
}
