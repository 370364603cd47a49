/* global document, window, EventSource */
// Keeps the order status page current from the server-sent status events. Only textContent and
// DOM nodes are used, never innerHTML, so carrier or order text can never become markup.
(function () {
  'use strict';
  const main = document.getElementById('order');
  if (!main) return;
  let version = Number(main.dataset.version);
  const $ = (id) => document.getElementById(id);

  const day = (isoDate) =>
    new Date(isoDate.slice(0, 10) + 'T12:00:00Z').toLocaleDateString('en-US', {
      weekday: 'long',
      month: 'long',
      day: 'numeric',
      timeZone: 'UTC',
    });
  const moment = (iso) =>
    new Date(iso).toLocaleString(undefined, {
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
    });

  function el(tag, attributes, children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value !== null && value !== undefined && value !== false) node.setAttribute(name, String(value));
    }
    for (const child of children || []) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  }

  const windowText = (range) =>
    range.from === range.to
      ? 'on ' + day(range.from)
      : 'between ' + day(range.from) + ' and ' + day(range.to);

  function setText(id, text) {
    const node = $(id);
    node.textContent = text;
    node.hidden = !text;
  }

  function renderProgress(progress) {
    const list = $('progress');
    list.className = 'progress' + (progress.halted ? ' halted' : '');
    list.replaceChildren(
      ...progress.stages.map((stage) =>
        el(
          'li',
          {
            class: 'stage ' + stage.state,
            'data-stage': stage.key,
            'aria-current': stage.state === 'current' ? 'step' : null,
          },
          [el('span', { class: 'dot' }), el('span', { class: 'stage-label' }, [stage.label])],
        ),
      ),
    );
  }

  function renderShipments(shipments) {
    $('shipment-card').hidden = shipments.length === 0;
    $('shipments').replaceChildren(
      ...shipments.map((shipment) =>
        el('li', {}, [
          el('span', { class: 'carrier' }, [shipment.carrierName]),
          ' ',
          shipment.trackingUrl
            ? el(
                'a',
                {
                  class: 'tracking-number',
                  href: shipment.trackingUrl,
                  target: '_blank',
                  rel: 'noopener noreferrer',
                },
                [shipment.trackingNumber],
              )
            : el('span', { class: 'tracking-number' }, [shipment.trackingNumber]),
        ]),
      ),
    );
  }

  function renderTimeline(timeline) {
    $('timeline').replaceChildren(
      ...timeline.map((entry) =>
        el('li', { 'data-seq': entry.seq }, [
          el('time', { datetime: entry.at }, [moment(entry.at)]),
          el('span', { class: 'title' }, [entry.title]),
          entry.detail ? el('span', { class: 'detail' }, [entry.detail]) : null,
          entry.location ? el('span', { class: 'location' }, [entry.location]) : null,
        ]),
      ),
    );
  }

  function render(view) {
    version = view.version;
    main.dataset.version = String(view.version);
    $('order-number').textContent = view.externalId;
    $('item-count').textContent = view.itemCount === 1 ? '1 item' : view.itemCount + ' items';
    $('order-total').textContent = view.total || '';
    const label = $('status-label');
    label.textContent = view.status.label;
    label.className = 'status-' + view.status.code;
    $('status-description').textContent = view.status.description;
    const range = view.deliveryWindow;
    setText('promise', view.promisedDelivery ? 'Promised by ' + day(view.promisedDelivery) : '');
    setText(
      'expected',
      view.expectedDelivery && !view.delayed && !range
        ? 'Estimated delivery: ' + day(view.expectedDelivery)
        : '',
    );
    setText('forecast', range && !view.atRisk ? 'Now expected ' + windowText(range) : '');
    setText(
      'risk-notice',
      range && view.atRisk
        ? 'Your order may arrive later than promised: now expected ' + windowText(range) + '.'
        : '',
    );
    setText(
      'delay-notice',
      !view.delayed
        ? ''
        : view.expectedDelivery
          ? 'Your order is running late. It should now arrive ' +
            day(view.expectedDelivery) +
            '. Sorry for the wait.'
          : 'Your order is running late. We will update this page as soon as the carrier gives a new date.',
    );
    renderProgress(view.progress);
    renderShipments(view.shipments);
    renderTimeline(view.timeline);
  }

  // Times arrive in UTC from the server; show them in the viewer's own zone.
  for (const time of document.querySelectorAll('#timeline time')) {
    time.textContent = moment(time.getAttribute('datetime'));
  }

  const live = $('live');
  // The page's link token opens the order's event stream too; EventSource cannot send headers.
  const token = new URLSearchParams(window.location.search).get('t');
  const streamUrl = window.location.pathname.replace(/\/+$/, '') + '/events';
  const source = new EventSource(token ? `${streamUrl}?t=${encodeURIComponent(token)}` : streamUrl);
  source.addEventListener('status', (event) => {
    const view = JSON.parse(event.data);
    if (view.version > version) render(view);
  });
  source.addEventListener('open', () => {
    live.textContent = 'This page updates by itself.';
    live.classList.remove('offline');
  });
  source.addEventListener('error', () => {
    live.textContent =
      source.readyState === EventSource.CLOSED
        ? 'Live updates stopped. Refresh the page to see the latest status.'
        : 'Reconnecting for live updates…';
    live.classList.add('offline');
  });
})();
