import Handlebars from 'handlebars';

/** An isolated Handlebars instance with compiled templates cached by source. */
const engine = Handlebars.create();
const htmlCache = new Map<string, Handlebars.TemplateDelegate>();
const textCache = new Map<string, Handlebars.TemplateDelegate>();

export type TemplateVariables = Record<string, string | number | undefined>;

/** Renders for HTML: every {{value}} is HTML-escaped. */
export function renderHtml(source: string, variables: TemplateVariables): string {
  let template = htmlCache.get(source);
  if (!template) {
    template = engine.compile(source, { strict: false, knownHelpersOnly: true });
    htmlCache.set(source, template);
  }
  return template(variables);
}

/** Renders plain text (email text part, SMS, push, in-app): values are inserted as they are. */
export function renderText(source: string, variables: TemplateVariables): string {
  let template = textCache.get(source);
  if (!template) {
    template = engine.compile(source, { noEscape: true, strict: false, knownHelpersOnly: true });
    textCache.set(source, template);
  }
  return template(variables);
}
