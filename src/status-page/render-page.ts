import type { CustomerOrderView } from './customer-view';
import { formatDay, formatMoment } from './format-dates';
import { html, type SafeHtml } from './html';

/** Assets are addressed relative to /track/:orderId so the router can be mounted under any prefix. */
const STYLESHEET = 'assets/status-page.css';
const SCRIPT = 'assets/status-page.js';

function layout(title: string, brandName: string, body: SafeHtml, script = false): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <link rel="icon" href="data:," />
        <title>${title}</title>
        <link rel="stylesheet" href="${STYLESHEET}" />
      </head>
      <body>
        <header class="brand"><span class="brand-name">${brandName}</span></header>
        ${body} ${script ? html`<script src="${SCRIPT}" defer></script>` : ''}
      </body>
    </html> `.value;
}

/**
 * The estimate on its own line while on time; a delayed order's estimate is in the delay notice, and
 * a predicted window replaces it.
 */
export function expectedWording(view: CustomerOrderView): string {
  if (!view.expectedDelivery || view.delayed || view.deliveryWindow) return '';
  return `Estimated delivery: ${formatDay(view.expectedDelivery)}`;
}

/** The date we promised, while the order is still on its way. */
export function promiseWording(view: CustomerOrderView): string {
  if (!view.promisedDelivery) return '';
  return `Promised by ${formatDay(view.promisedDelivery)}`;
}

function windowText({ from, to }: { from: string; to: string }): string {
  return from === to ? `on ${formatDay(from)}` : `between ${formatDay(from)} and ${formatDay(to)}`;
}

/** The predicted window while the promise looks safe; at risk, the notice carries it. */
export function forecastWording(view: CustomerOrderView): string {
  if (!view.deliveryWindow || view.atRisk) return '';
  return `Now expected ${windowText(view.deliveryWindow)}`;
}

export function atRiskWording(view: CustomerOrderView): string {
  if (!view.atRisk || !view.deliveryWindow) return '';
  return `Your order may arrive later than promised: now expected ${windowText(view.deliveryWindow)}.`;
}

export function delayWording(view: CustomerOrderView): string {
  if (!view.delayed) return '';
  return view.expectedDelivery
    ? `Your order is running late. It should now arrive ${formatDay(view.expectedDelivery)}. Sorry for the wait.`
    : 'Your order is running late. We will update this page as soon as the carrier gives a new date.';
}

export function itemCountWording(count: number): string {
  return count === 1 ? '1 item' : `${count} items`;
}

function progressBar(view: CustomerOrderView): SafeHtml {
  return html`<ol
    id="progress"
    class="progress${view.progress.halted ? ' halted' : ''}"
    aria-label="Order progress"
  >
    ${view.progress.stages.map(
      (stage) =>
        html`<li
          class="stage ${stage.state}"
          data-stage="${stage.key}"
          ${stage.state === 'current' ? html` aria-current="step"` : ''}
        >
          <span class="dot"></span><span class="stage-label">${stage.label}</span>
        </li>`,
    )}
  </ol>`;
}

function shipmentList(view: CustomerOrderView): SafeHtml {
  return html`<ul id="shipments" class="shipments">
    ${view.shipments.map(
      (shipment) =>
        html`<li>
          <span class="carrier">${shipment.carrierName}</span> ${
            shipment.trackingUrl
              ? html`<a
                  class="tracking-number"
                  href="${shipment.trackingUrl}"
                  target="_blank"
                  rel="noopener noreferrer"
                  >${shipment.trackingNumber}</a
                >`
              : html`<span class="tracking-number">${shipment.trackingNumber}</span>`
          }
        </li>`,
    )}
  </ul>`;
}

function timelineList(view: CustomerOrderView): SafeHtml {
  return html`<ol id="timeline" class="timeline">
    ${view.timeline.map(
      (entry) =>
        html`<li data-seq="${entry.seq}">
          <time datetime="${entry.at}">${formatMoment(entry.at)}</time
          ><span class="title">${entry.title}</span>${
            entry.detail ? html`<span class="detail">${entry.detail}</span>` : ''
          }${entry.location ? html`<span class="location">${entry.location}</span>` : ''}
        </li>`,
    )}
  </ol>`;
}

/** The live status page; the script keeps every element with an id current. */
export function renderStatusPage(view: CustomerOrderView, brandName: string): string {
  const body = html`<main id="order" class="order" data-version="${view.version}">
    <p class="eyebrow">
      Order <span id="order-number">${view.externalId}</span> ·
      <span id="item-count">${itemCountWording(view.itemCount)}</span>
      · <span id="order-total">${view.total ?? ''}</span>
    </p>
    <h1 id="status-label" class="status-${view.status.code}">${view.status.label}</h1>
    <p id="status-description" class="description">${view.status.description}</p>
    <p id="promise" class="promise" ${promiseWording(view) ? '' : html` hidden`}>${promiseWording(view)}</p>
    <p id="expected" class="expected" ${expectedWording(view) ? '' : html` hidden`}>
      ${expectedWording(view)}
    </p>
    <p id="forecast" class="expected forecast" ${forecastWording(view) ? '' : html` hidden`}>
      ${forecastWording(view)}
    </p>
    <div id="risk-notice" class="notice" role="status" ${atRiskWording(view) ? '' : html` hidden`}>
      ${atRiskWording(view)}
    </div>
    <div id="delay-notice" class="notice" role="status" ${view.delayed ? '' : html` hidden`}>
      ${delayWording(view)}
    </div>
    ${progressBar(view)}
    <section class="card" id="shipment-card" ${view.shipments.length ? '' : html` hidden`}>
      <h2>Shipment</h2>
      ${shipmentList(view)}
    </section>
    <section class="card">
      <h2>Updates</h2>
      ${timelineList(view)}
    </section>
    <p id="live" class="live" aria-live="polite">This page updates by itself.</p>
  </main>`;
  return layout(`Order ${view.externalId} · ${brandName}`, brandName, body, true);
}

/** A friendly page for an order we cannot find (served with status 404). */
export function renderNotFoundPage(brandName: string): string {
  const body = html`<main class="order not-found">
    <h1>We can't find that order</h1>
    <p class="description">
      Please check the link in your email. If you placed the order a moment ago, give us a minute and refresh
      this page.
    </p>
  </main>`;
  return layout(`Order not found · ${brandName}`, brandName, body);
}
