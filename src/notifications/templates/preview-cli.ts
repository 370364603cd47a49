import { parseArgs } from 'node:util';
import { MESSAGE_CHANNELS, isMessageChannel } from '../message-channels';
import { loadNotificationConfig } from '../config';
import { MILESTONES, type Milestone } from '../contract';
import { renderPreview } from './preview';

const USAGE = `usage: tsx src/notifications/templates/preview-cli.ts <milestone> [--channel ${MESSAGE_CHANNELS.join('|')}] [--locale en|de] [--html]
milestones: ${MILESTONES.join(', ')}`;

/** Prints a rendered notification for a milestone: plain text by default, the email HTML with --html. */
function main(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      channel: { type: 'string', default: 'email' },
      locale: { type: 'string', default: 'en' },
      html: { type: 'boolean', default: false },
    },
  });
  const milestone = positionals[0];
  if (
    !milestone ||
    !(MILESTONES as readonly string[]).includes(milestone) ||
    !isMessageChannel(values.channel)
  ) {
    console.error(USAGE);
    return 2;
  }
  const message = renderPreview(
    loadNotificationConfig(),
    milestone as Milestone,
    values.channel,
    values.locale,
  );
  switch (message.channel) {
    case 'email':
      console.log(values.html ? message.html : `Subject: ${message.subject}\n\n${message.text}`);
      break;
    case 'sms':
      console.log(
        `${message.body}\n\n[${message.segments.encoding}, ${message.segments.units} units, ${message.segments.segments} segment(s)]`,
      );
      break;
    default:
      console.log(`${message.title}\n${message.body}\n${message.link}`);
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
