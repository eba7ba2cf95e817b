// Quick exit: GOV.UK Frontend's "Exit this page" component, changed in three ways that
// matter to someone whose safety may depend on it.
//
// 1. It leaves with location.replace, so pressing Back on the neutral site does not
//    return to the page the person was on.
// 2. It tells the server to end the session (navigator.sendBeacon), so any answers typed
//    into a complaint are deleted, and it clears the forms on the page first.
// 3. Escape also leaves (our guidance promises it), unless another control on the page has
//    already used that Escape: an open dialog, or an open list such as an autocomplete.
import { ExitThisPage } from 'govuk-frontend'

export class QuickExit extends ExitThisPage {
  constructor ($root, config) {
    super($root, config)
    this.exitEndpoint = $root.getAttribute('data-exit-endpoint')
    // Bubbling phase, so a control that handles Escape itself can stop or mark it first.
    document.addEventListener('keydown', (event) => this.handleEscape(event))
  }

  handleEscape (event) {
    if (event.key !== 'Escape' && event.key !== 'Esc') return
    if (event.defaultPrevented || escapeBelongsToAnotherControl(event.target)) return
    this.exitPage()
  }

  exitPage () {
    if (this.exiting) return
    this.exiting = true
    document.body.classList.add('govuk-exit-this-page-hide-content', 'app-exiting')
    const overlay = document.createElement('div')
    overlay.className = 'govuk-exit-this-page-overlay'
    overlay.setAttribute('role', 'alert')
    overlay.textContent = this.i18n.t('activated')
    document.body.appendChild(overlay)
    clearForms()
    if (this.exitEndpoint && navigator.sendBeacon) {
      navigator.sendBeacon(this.exitEndpoint)
    }
    window.location.replace(this.$button.getAttribute('data-neutral-url') || this.$button.href)
  }
}

function escapeBelongsToAnotherControl (target) {
  if (document.querySelector('dialog[open]')) return true
  const element = target instanceof Element ? target : null
  if (!element) return false
  // An open combobox or menu closes on Escape; that press is not a request to leave.
  if (element.closest('[aria-expanded="true"]')) return true
  const combobox = element.closest('[role="combobox"]')
  return Boolean(combobox && combobox.getAttribute('aria-expanded') === 'true')
}

function clearForms () {
  document.querySelectorAll('input, textarea, select').forEach((field) => {
    if (field.type === 'hidden' || field.type === 'submit' || field.type === 'button') return
    if (field.type === 'checkbox' || field.type === 'radio') {
      field.checked = false
    } else if (field.tagName === 'SELECT') {
      field.selectedIndex = -1
    } else {
      field.value = ''
    }
  })
}
