import { escapeHtml } from '../domain/escape-html.js';

export interface AccountEmail {
  subject: string;
  text: string;
  html: string;
}

function htmlBody(siteName: string, paragraphs: string[], url: string, action: string): string {
  return [
    '<!DOCTYPE html>',
    '<html><head><meta charset="utf-8"></head>',
    '<body style="font-family: Helvetica, Arial, sans-serif; font-size: 14px; line-height: 1.4; color: #333333;">',
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    `<p><a href="${escapeHtml(url)}">${escapeHtml(action)}</a></p>`,
    `<p style="font-size: 12px; color: #666666;">Or copy this address into your browser: ${escapeHtml(url)}</p>`,
    `<p>Thanks,<br>The ${escapeHtml(siteName)} Team</p>`,
    '</body></html>',
  ].join('\n');
}

function textBody(siteName: string, paragraphs: string[], url: string): string {
  return ['Hello,', '', ...paragraphs.flatMap((p) => [p, '']), url, '', 'Thanks,', `The ${siteName} Team`, ''].join('\n');
}

/** The emailed login link (valid for an hour, once). */
export function loginLinkEmail(siteName: string, url: string): AccountEmail {
  const paragraphs = [
    `To log in to ${siteName}, please open the link below. It works once, within the next hour.`,
    'If you did not ask to log in, you can ignore this email: nothing happens without the link.',
  ];
  return {
    subject: `Log in to ${siteName}`,
    text: textBody(siteName, paragraphs, url),
    html: htmlBody(siteName, paragraphs, url, `Log in to ${siteName}`),
  };
}

/** Sent to the new address: the change happens only when its owner opens the link. */
export function emailChangeEmail(siteName: string, url: string, newEmail: string): AccountEmail {
  const paragraphs = [
    `Someone asked to change the email address of a ${siteName} account to ${newEmail}.`,
    'To confirm the change, please open the link below within the next hour. If it was not you, ignore this email.',
  ];
  return {
    subject: `Confirm your new email address on ${siteName}`,
    text: textBody(siteName, paragraphs, url),
    html: htmlBody(siteName, paragraphs, url, 'Confirm the new address'),
  };
}
