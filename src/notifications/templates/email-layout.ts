/**
 * Email frames around a milestone's wording. Triple-stash slots receive text that was already
 * rendered and escaped; everything else is escaped by the engine.
 */
export const EMAIL_HTML_LAYOUT = `<!doctype html>
<html lang="{{lang}}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>{{subject}}</title></head>
<body style="margin:0;background:#f4f5f7;font-family:Helvetica,Arial,sans-serif;color:#1f2933">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px">
<table role="presentation" width="560" cellpadding="0" cellspacing="0" style="background:#ffffff;border-radius:8px">
<tr><td style="padding:24px 32px 0;font-size:14px;color:#52606d">{{brandName}}</td></tr>
<tr><td style="padding:8px 32px 0"><h1 style="font-size:22px;margin:0">{{{title}}}</h1></td></tr>
<tr><td style="padding:16px 32px 0;font-size:16px;line-height:1.5"><p>{{{greeting}}}</p><p>{{{body}}}</p></td></tr>
<tr><td style="padding:16px 32px 24px"><a href="{{actionUrl}}" style="display:inline-block;background:#2563eb;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none">{{actionLabel}}</a></td></tr>
</table>
<p style="font-size:12px;color:#7b8794;max-width:560px">{{{footer}}} {{{help}}}<br><a href="{{unsubscribeUrl}}" style="color:#7b8794">{{unsubscribeLabel}}</a></p>
</td></tr></table>
</body>
</html>
`;

export const EMAIL_TEXT_LAYOUT = `{{greeting}}

{{body}}

{{actionLabel}}: {{actionUrl}}

--
{{footer}}
{{help}}
{{unsubscribeLabel}}: {{unsubscribeUrl}}
`;
