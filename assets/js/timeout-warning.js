// Timeout warning (GOV.UK pattern): before the server deletes someone's answers for
// inactivity, a modal dialog says so and offers to continue.
//
// - The dialog is a native <dialog> opened with showModal(): focus moves into it and
//   stays there, and screen readers announce it by its heading and message.
// - "Continue" (or Escape, which closes a dialog) asks the server for a tiny page, which
//   extends the session, then restarts the timers.
// - The quick exit ignores Escape while a dialog is open, so Escape here never leaves.
// - When time runs out the page goes to "your answers have been deleted", so nothing the
//   person typed stays on screen.
export class TimeoutWarning {
  constructor ($root) {
    this.$root = $root
    this.$dialog = $root.querySelector('dialog')
    if (!this.$dialog || typeof this.$dialog.showModal !== 'function') return
    this.timeout = Number($root.dataset.timeoutSeconds) * 1000
    this.warning = Number($root.dataset.warningSeconds) * 1000
    this.keepAliveUrl = $root.dataset.keepAliveUrl
    this.endedUrl = $root.dataset.endedUrl
    this.$countdown = $root.querySelector('[data-timeout-countdown]')
    this.$announce = $root.querySelector('[data-timeout-announce]')
    this.$continue = $root.querySelector('[data-timeout-continue]')
    if (!this.timeout || !this.warning) return

    this.$continue.addEventListener('click', () => this.extend())
    // Escape fires "cancel": treat it as "continue", as GOV.UK's pattern does.
    this.$dialog.addEventListener('cancel', (event) => {
      event.preventDefault()
      this.extend()
    })
    this.start()
  }

  start () {
    clearTimeout(this.warnTimer)
    clearTimeout(this.endTimer)
    clearInterval(this.tick)
    this.deadline = Date.now() + this.timeout
    this.warnTimer = setTimeout(() => this.warn(), Math.max(this.timeout - this.warning, 0))
    this.endTimer = setTimeout(() => this.end(), this.timeout)
  }

  warn () {
    this.lastFocus = document.activeElement
    this.updateCountdown(true)
    this.$dialog.showModal()
    // Update the visible countdown every few seconds; announce only each whole minute so
    // screen reader users are not interrupted constantly.
    this.tick = setInterval(() => this.updateCountdown(false), 5000)
  }

  updateCountdown (announce) {
    const seconds = Math.max(0, Math.round((this.deadline - Date.now()) / 1000))
    const minutes = Math.ceil(seconds / 60)
    // The sentences come from the page, already translated.
    const text = minutes > 1
      ? (this.$root.dataset.textMinutes || '').replace('%(minutes)s', String(minutes))
      : this.$root.dataset.textUnderMinute || ''
    if (!text) return
    if (this.$countdown) this.$countdown.textContent = text
    if (this.$announce && (announce || minutes !== this.lastAnnounced)) {
      this.lastAnnounced = minutes
      this.$announce.textContent = text
    }
  }

  extend () {
    clearInterval(this.tick)
    if (this.$dialog.open) this.$dialog.close()
    if (this.lastFocus && typeof this.lastFocus.focus === 'function') this.lastFocus.focus()
    fetch(this.keepAliveUrl, { credentials: 'same-origin', cache: 'no-store' })
      .then(() => this.start())
      .catch(() => this.start())
  }

  end () {
    clearInterval(this.tick)
    window.location.replace(this.endedUrl)
  }
}

export function initTimeoutWarnings () {
  document.querySelectorAll('[data-module="app-timeout-warning"]').forEach(($root) => {
    // eslint-disable-next-line no-new
    new TimeoutWarning($root)
  })
}
