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

// Words the autocomplete shows and announces, from Django's JavaScript catalogue
// (templates/includes/autocomplete_script.html loads it first; locale/cy/.../djangojs.po).
// Without the catalogue the English is used.
const gettext = (text) => (typeof window.gettext === 'function' ? window.gettext(text) : text)
const fill = (text, values) =>
  text.replace(/%\((\w+)\)s/g, (whole, name) => (name in values ? String(values[name]) : whole))

export const messages = {
  tNoResults: () => gettext('No results found'),
  tStatusQueryTooShort: (minQueryLength) =>
    fill(gettext('Type in %(count)s or more characters for results'), { count: minQueryLength }),
  tStatusNoResults: () => gettext('No search results'),
  tStatusSelectedOption: (selectedOption, length, index) =>
    fill(gettext('%(option)s %(position)s of %(count)s is highlighted'), {
      option: selectedOption,
      position: index + 1,
      count: length
    }),
  tStatusResults: (length, contentSelectedOption) =>
    fill(length === 1 ? gettext('%(count)s result is available.') : gettext('%(count)s results are available.'), {
      count: length
    }) + ' ' + contentSelectedOption,
  tAssistiveHint: () =>
    gettext('When autocomplete results are available use up and down arrows to review and enter to select. Touch device users, explore by touch or with swipe gestures.')
}

const normalise = (text) => text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
  .replace(/[^a-z0-9]+/g, ' ').trim()

// The suggestions for what was typed. An option's own name matches, and so does a place it
// covers (data-places, "|"-separated), shown with the place: "West Yorkshire Police (Leeds)".
// A place named exactly comes first; "London" gives the Metropolitan Police, then the City of
// London Police. An option marked data-always ("I do not know") is always offered, last.
export function placeSource (select) {
  const options = [].filter.call(select.options, (option) => option.value)
  const always = options.filter((option) => option.dataset.always)
  const choices = options.filter((option) => !option.dataset.always).map((option) => ({
    option,
    label: option.textContent.trim(),
    key: normalise(option.textContent),
    places: (option.dataset.places || '').split('|').filter(Boolean)
      .map((place) => ({ place, key: normalise(place) }))
  }))
  const byText = new Map()
  const source = (query, populate) => {
    const typed = normalise(query)
    const scored = []
    if (typed) {
      choices.forEach((choice) => {
        const exact = choice.places.find((p) => p.key === typed)
        const starts = exact || choice.places.find((p) => p.key.startsWith(typed))
        if (choice.key === typed || choice.key.startsWith(typed)) {
          scored.push([exact ? 0 : 1, choice.label, choice.option, choice.places.length])
        } else if (exact) {
          scored.push([0, `${choice.label} (${exact.place})`, choice.option, choice.places.length])
        } else if (choice.key.includes(typed)) {
          scored.push([2, choice.label, choice.option, choice.places.length])
        } else if (starts) {
          scored.push([3, `${choice.label} (${starts.place})`, choice.option, choice.places.length])
        }
      })
    }
    // Between equals, the one covering more places first (London: the Met, not the City).
    scored.sort((a, b) => a[0] - b[0] || b[3] - a[3] || a[1].localeCompare(b[1]))
    const results = scored.slice(0, 12).concat(always.map((option) => [9, option.textContent.trim(), option]))
    byText.clear()
    results.forEach(([, text, option]) => byText.set(text, option))
    populate(results.map(([, text]) => text))
  }
  return { source, byText }
}

export function initAutocompletes (root = document) {
  root.querySelectorAll('select[data-module="app-autocomplete"]').forEach((select) => {
    if (select.dataset.autocompleteInit) return
    select.dataset.autocompleteInit = 'true'
    const id = select.id
    const places = [].some.call(select.options, (option) => option.dataset.places || option.dataset.always)
    const search = places ? placeSource(select) : null
    accessibleAutocomplete.enhanceSelectElement({
      selectElement: select,
      defaultValue: '',
      showNoOptionsFound: true,
      ...messages,
      tNoResults: () => select.dataset.noResults || messages.tNoResults(),
      ...(search
        ? {
            source: search.source,
            onConfirm: (text) => {
              const option = search.byText.get(text)
              if (option) option.selected = true
            }
          }
        : {})
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
        const match = (search && search.byText.get(text)) ||
          [].find.call(select.options, (option) => option.value && option.textContent.trim() === text)
        select.value = match ? match.value : ''
      })
    }
  })
}
