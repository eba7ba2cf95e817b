// Quick exit: GOV.UK Frontend's "Exit this page" component, changed in three ways that
// matter to someone whose safety may depend on it.
//
// 1. It leaves with location.replace, so pressing Back on the neutral site does not
//    return to the page the person was on.
// 2. It tells the server to end the session (navigator.sendBeacon), so any answers typed
//    into a complaint are deleted, and it clears the forms on the page first.
// 3. Escape also leaves (our guidance promises it), except where people press Escape for
//    something else: while typing in a text box, text area or search box (to dismiss a
//    spelling, autofill or search suggestion), or when another control has already used
//    that Escape (an open dialog, or an open list such as an autocomplete). Leaving deletes
//    every answer, so a stray Escape there would throw a complaint away. Shift three times
//    (GOV.UK's own shortcut) still works everywhere, text boxes included.
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
    if (event.defaultPrevented) return
    if (escapeBelongsToAnotherControl(event.target)) {
      // Browsers empty a search box on Escape. Someone pressing Escape to close a
      // suggestion should not lose what they typed; the box's clear button still works.
      if (event.target.type === 'search' && event.target.value) event.preventDefault()
      return
    }
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

// Inputs where a person types text; Escape there often closes the browser's own pop-ups.
const TYPING_INPUT_TYPES = new Set([
  '', 'text', 'search', 'email', 'tel', 'url', 'password', 'number',
  'date', 'datetime-local', 'month', 'week', 'time'
])

function isTypingField (element) {
  if (element.isContentEditable) return true
  const tag = element.tagName
  if (tag === 'TEXTAREA') return true
  if (tag !== 'INPUT') return false
  return TYPING_INPUT_TYPES.has((element.getAttribute('type') || '').toLowerCase())
}

function escapeBelongsToAnotherControl (target) {
  if (document.querySelector('dialog[open]')) return true
  const element = target instanceof Element ? target : null
  if (!element) return false
  if (isTypingField(element)) return true
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
