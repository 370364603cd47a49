import { Router } from 'express';
import { z } from 'zod';
import { MESSAGE_CHANNELS } from '../message-channels';
import { MILESTONES } from '../contract';
import { parseOr400 } from '../http/validation';
import { renderPreview } from './preview';
import type { RenderConfig } from './render';

export const milestoneParam = z.enum(MILESTONES);
export const previewQuery = z.object({
  channel: z.enum(MESSAGE_CHANNELS).default('email'),
  locale: z
    .string()
    .regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'must be a locale such as en or de-DE')
    .default('en'),
  format: z.enum(['json', 'html', 'text']).default('json'),
});

/** GET /notifications/preview/:milestone?channel=email|sms|push|in_app&locale=de&format=json|html|text */
export function createPreviewRouter(deps: { config: RenderConfig }): Router {
  const router = Router();
  router.get('/notifications/preview/:milestone', (req, res) => {
    const milestone = parseOr400(milestoneParam, req.params.milestone, res);
    const query = milestone === undefined ? undefined : parseOr400(previewQuery, req.query, res);
    if (!milestone || !query) return;
    const message = renderPreview(deps.config, milestone, query.channel, query.locale);
    if (query.format === 'html' && message.channel === 'email') res.type('html').send(message.html);
    else if (query.format === 'text')
      res
        .type('text')
        .send(message.channel === 'email' ? message.text : 'body' in message ? message.body : '');
    else res.json(message);
  });
  return router;
}
