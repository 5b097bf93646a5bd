// huibao dev: the script the dev server adds to the deck page and the handout view (never to a
// built deck.html). It listens to the server's events (Server-Sent Events, same origin only), swaps
// in a new deck without reloading the page (the deck runtime keeps its slide), shows every problem
// in an overlay in the CLI's words, and offers the edition switch. Text is set with textContent only.
;(() => {
  const config = JSON.parse(document.getElementById('hb-dev')?.textContent || '{}')
  const { edition, editions = [], role } = config
  let version = config.version || 0
  const root = document.documentElement
  root.dataset.hbDevVersion = String(version)

  const el = (tag, style, text) => {
    const node = document.createElement(tag)
    if (style) node.setAttribute('style', style)
    if (text !== undefined) node.textContent = text
    return node
  }

  // ---------------------------------------------------------------------------------------------
  // The bar: edition switch, deck / presenter / handout links, status.
  const bar = el(
    'div',
    'position:fixed;z-index:2147483000;left:8px;bottom:8px;display:flex;gap:8px;align-items:center;' +
      'font:12px/1.4 system-ui,sans-serif;background:rgba(20,20,20,.82);color:#fff;padding:4px 8px;border-radius:6px',
  )
  bar.id = 'hb-dev-bar'
  const select = el('select', 'font:inherit')
  for (const id of editions.length ? editions : [edition]) {
    const option = el('option', '', id)
    option.value = id
    option.selected = id === edition
    select.append(option)
  }
  const page = role === 'handout' ? 'handout' : ''
  select.addEventListener('change', () => {
    location.href = `/${encodeURIComponent(select.value)}/${page}${location.hash}`
  })
  const link = (text, href) => {
    const a = el('a', 'color:#9cf', text)
    a.href = href
    return a
  }
  const status = el('span', 'opacity:.8', '')
  status.id = 'hb-dev-status'
  bar.append(
    select,
    link('deck', `/${edition}/`),
    link('presenter', `/${edition}/?presenter`),
    link('handout', `/${edition}/handout`),
    status,
  )
  if (!root.classList.contains('hb-presenter')) document.body.append(bar)

  // ---------------------------------------------------------------------------------------------
  // The overlay: every problem, file:line:column, as the CLI prints it. The last good deck stays
  // visible underneath (the overlay covers the lower part of the window only).
  const overlay = el(
    'div',
    'position:fixed;z-index:2147483001;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;margin:0;' +
      'background:rgba(40,0,0,.92);color:#fff;font:13px/1.5 ui-monospace,monospace;padding:12px 16px;white-space:pre-wrap',
  )
  overlay.id = 'hb-dev-overlay'
  overlay.setAttribute('role', 'alert')
  const showProblems = (lines) => {
    if (!lines || lines.length === 0) {
      overlay.remove()
      return
    }
    overlay.textContent = lines.join('\n')
    document.body.append(overlay)
  }
  showProblems(config.problems)

  // ---------------------------------------------------------------------------------------------
  // A new deck: the same slide elements get the new content, so the runtime stays on its slide.
  const swapDeck = async (next) => {
    const response = await fetch(`/${encodeURIComponent(edition)}/deck.html?v=${next}`)
    if (!response.ok) return
    const fresh = new DOMParser().parseFromString(await response.text(), 'text/html')
    const oldDeck = document.querySelector('div.marpit')
    const newDeck = fresh.querySelector('div.marpit')
    const pick = (deck) =>
      deck ? [...deck.querySelectorAll(':scope > svg[data-marpit-svg], :scope > section')] : []
    const oldSlides = pick(oldDeck)
    const newSlides = pick(newDeck)
    if (!oldDeck || oldSlides.length !== newSlides.length) {
      // Slides added or removed: the runtime must start again; the URL keeps the slide number.
      location.reload()
      return
    }
    // Styles first (fonts are subset to the text, so new text may need new glyphs).
    const oldStyles = [...document.head.querySelectorAll('style')]
    const newStyles = [...fresh.head.querySelectorAll('style')]
    newStyles.forEach((style, i) => {
      if (oldStyles[i]) {
        if (oldStyles[i].textContent !== style.textContent) oldStyles[i].textContent = style.textContent
      } else document.head.append(document.importNode(style, true))
    })
    oldSlides.forEach((slide, i) => {
      const fresh = document.importNode(newSlides[i], true)
      // The runtime marks the current slide with hb-* classes and places it with inline styles: keep
      // those, take everything else (the slide's kind, its language) from the new deck.
      const runtimeClasses = [...slide.classList].filter((c) => c.startsWith('hb-'))
      for (const { name, value } of [...fresh.attributes])
        if (name !== 'style') slide.setAttribute(name, value)
      slide.classList.add(...runtimeClasses)
      slide.replaceChildren(...fresh.childNodes)
    })
    const data = fresh.getElementById('hb-data')
    const ownData = document.getElementById('hb-data')
    if (data && ownData) ownData.textContent = data.textContent
    version = next
    root.dataset.hbDevVersion = String(version)
    document.dispatchEvent(new CustomEvent('huibao:updated', { detail: { version } }))
  }

  // ---------------------------------------------------------------------------------------------
  // The handout view: the PDF in a frame, reloaded when a new one is ready.
  const frame = document.getElementById('hb-handout')
  const showHandout = (state, v) => {
    if (state === 'rebuilding') status.textContent = 'handout: rebuilding…'
    if (state === 'failed') status.textContent = 'handout: failed (see the problems)'
    if (state === 'ready') {
      status.textContent = ''
      if (frame) frame.src = `/${encodeURIComponent(edition)}/handout.pdf?v=${v}`
      document.dispatchEvent(new CustomEvent('huibao:updated', { detail: { version: v } }))
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Events from the server.
  const events = new EventSource(`/events?edition=${encodeURIComponent(edition)}&role=${role}`)
  const on = (type, fn) =>
    events.addEventListener(type, (event) => {
      const message = JSON.parse(event.data)
      if (message.edition === edition) fn(message)
    })
  // data-hb-dev-busy: "1" from a rebuild's start until its checks are done (the benchmark waits on it)
  on('building', () => {
    status.textContent = 'rebuilding…'
    root.dataset.hbDevBusy = '1'
  })
  on('deck', (m) => {
    status.textContent = ''
    if (role === 'deck' && m.version > version) {
      if (!document.querySelector('div.marpit')) location.reload()
      else swapDeck(m.version).catch((error) => showProblems([`error ${error}`]))
    }
  })
  on('problems', (m) => {
    status.textContent = ''
    root.dataset.hbDevBusy = '0'
    showProblems(m.problems)
  })
  on('handout', (m) => {
    if (role === 'handout') {
      showHandout(m.state, m.version)
      if (m.state === 'failed') showProblems(m.problems)
      else if (m.state === 'ready') showProblems([])
    }
  })
  events.addEventListener('error', () => {
    status.textContent = 'disconnected from huibao dev; retrying…'
  })
  events.addEventListener('open', () => {
    if (status.textContent.startsWith('disconnected')) status.textContent = ''
  })
})()
