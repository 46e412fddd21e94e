import { escapeHtml } from '../domain/escape-html.js';
import { ROLE_LABELS, type MemberRole } from './team-members.js';

export interface InviteEmailInput {
  siteName: string;
  inviterEmail: string;
  projectName: string;
  role: MemberRole;
  acceptUrl: string;
  validDays: number;
}

/** The invitation a new teammate receives: who invited them where, and the one-time link. */
export function teamInviteEmail(i: InviteEmailInput): { subject: string; text: string; html: string } {
  const role = ROLE_LABELS[i.role].toLowerCase();
  const subject = `You are invited to join ${i.projectName} on ${i.siteName}`;
  const text = [
    'Hello,',
    '',
    `${i.inviterEmail} invited you to the project "${i.projectName}" on ${i.siteName}, as a ${role}.`,
    '',
    'Accept the invitation and log in:',
    i.acceptUrl,
    '',
    `The link works once and expires in ${i.validDays} days. If you did not expect this invitation, ignore this email.`,
    '',
    `The ${i.siteName} Team`,
  ].join('\n');
  const e = escapeHtml;
  const html = [
    '<!DOCTYPE html>',
    '<html><head><meta charset="utf-8"></head>',
    '<body style="font-family: Helvetica, Arial, sans-serif; font-size: 14px; line-height: 1.4; color: #333333;">',
    '<p>Hello,</p>',
    `<p>${e(i.inviterEmail)} invited you to the project <strong>${e(i.projectName)}</strong> on ${e(i.siteName)}, as a ${e(role)}.</p>`,
    `<p><a href="${e(i.acceptUrl)}">Accept the invitation and log in</a></p>`,
    `<p>The link works once and expires in ${i.validDays} days. If you did not expect this invitation, ignore this email.</p>`,
    `<p>The ${e(i.siteName)} Team</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}
