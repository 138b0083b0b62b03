/**
 * Seed data for the replica. Every time is relative to the replica clock at seed time, so a reset
 * at any clock value yields the same countdowns.
 *
 * Seed table (id → what it exercises). Tests pick tickets by purpose through `SEED`, never by number.
 *
 * | id  | SEED key                 | status  | priority | channel          | SLA state                                             |
 * |-----|--------------------------|---------|----------|------------------|-------------------------------------------------------|
 * | 101 | ticketDue4m              | new     | urgent   | email (+emergency)| FRT active, breach in 4 min (mine)                   |
 * | 102 | ticketDue12m             | open    | high     | web              | FRT active, breach in 12 min (mine)                   |
 * | 103 | ticketDue45m             | new     | normal   | api              | FRT active, breach in 45 min (unassigned)             |
 * | 104 | ticketDue3h              | open    | normal   | email            | FRT achieved + NRT active in 3 h (mine)               |
 * | 105 | ticketDue2d              | open    | low      | web              | NRT active in 2 days (other agent)                    |
 * | 106 | ticketBreached30m        | open    | urgent   | chat             | FRT active, breached 30 min ago (mine)                |
 * | 107 | ticketBreached2d         | open    | high     | email            | FRT active, breached 2 days ago (unassigned)          |
 * | 108 | ticketPausedPending      | pending | normal   | email            | NRT achieved, requester_wait + agent_work paused      |
 * | 109 | ticketPausedHold         | hold    | high     | web              | pausable_update_time + agent_work paused              |
 * | 110 | ticketAchieved           | open    | normal   | email            | FRT achieved only (mine)                              |
 * | 111 | ticketMultiMetric        | open    | high     | email            | FRT achieved, NRT active 21 h, periodic update 7 d    |
 * | 112 | ticketNoSlaTwitter       | open    | normal   | twitter          | no SLA (policy_metrics: [])                           |
 * | 113 | ticketNoSlaFacebook      | new     | low      | facebook         | no SLA                                                |
 * | 114 | ticketNoSlaDisqus        | open    | normal   | email (+disqus)  | no SLA                                                |
 * | 115 | ticketNoSlaForum         | new     | low      | forum            | no SLA                                                |
 * | 116 | ticketNoSlaStackOverflow | open    | normal   | api (+stack_overflow) | no SLA                                           |
 * | 117 | ticketNoSlaEmail         | open    | normal   | email            | no SLA (plan without SLA policies) (mine)             |
 * | 118 | ticketNoSlaEmail2        | new     | high     | email            | no SLA, unassigned                                    |
 * | 119 | ticketSecurity           | open    | high     | email (+security)| FRT active in 3 h 30 m                                |
 * | 120 | ticketVoice              | open    | urgent   | voice            | FRT active in 12 min                                  |
 * | 121 | ticketMobile             | open    | normal   | mobile           | NRT active in 5 h                                     |
 * | 122 | ticketMessaging          | open    | high     | native_messaging | FRT active in 20 min                                  |
 * | 123 | ticketAnyChannel         | open    | normal   | any_channel      | FRT active in 6 h                                     |
 * | 124 | ticketNoPriority         | new     | null     | web              | FRT active in 10 h ("Activated" style: no priority)   |
 * | 125 | ticketSolved             | solved  | normal   | email            | all achieved                                          |
 * | 126 | ticketClosed             | closed  | low      | web              | all achieved                                          |
 * | 127 | ticketHostileSubject     | open    | normal   | web              | `<img onerror>` subject and comment, FRT active 45 min|
 * | 128 | ticketRtl                | open    | high     | email            | RTL + zero-width subject, NRT active in 2 h           |
 * | 129 | ticketPeriodicUpdate     | open    | urgent   | email            | FRT achieved, periodic_update_time active in 25 min   |
 * | 130 | ticketPendingNoReply     | pending | high     | email            | FRT still active (pending does not stop reply clocks) |
 * | 131 | ticketDeleted            | —       | —        | —                | deleted: the API answers 404                          |
 * | 132–150 | filler               | mixed unsolved/solved queue so "All unsolved" needs 2+ pages at 30 rows   |
 * | 151 | ticketStarEligible       | open    | high     | email            | FRT breached 90 min ago, customer replied last, priority changed normal→high (audit) |
 * | 152 | ticketStarYoung          | new     | normal   | web              | created 20 min ago: too young for a STAR               |
 * | 153 | ticketEmergencyForm      | new     | urgent   | web (emergency form) | FRT breached 40 min ago, created 70 min ago, unassigned |
 * The STAR tickets (151–153) are unassigned, so they stay out of "my queue" and its counts.
 */
import type { Audit } from './store.js';
import {
  EMERGENCY_TICKET_FORM_ID,
  textToHtml,
  type Priority,
  type Stage,
  type Status,
  type StoredComment,
  type StoredMetric,
  type StoredSchedule,
  type StoredTicket,
  type StoredUser,
  type StoredView,
} from './model.js';

export const AGENT_ID = 1001;
export const AGENT_EMAIL = 'alex.agent@example.com';
export const AGENT_PASSWORD = 'replica';
/** The API token an admin generated for the demo account (Zendesk's `{email}/token:{token}` Basic auth). */
export const API_TOKEN = 'replicaApiToken0123456789abcdefABCDEF0123';

export const SEED = {
  agent: AGENT_ID,
  otherAgent: 1002,
  admin: 1003,
  ticketDue4m: 101,
  ticketEmergency: 101,
  ticketDue12m: 102,
  ticketDue45m: 103,
  ticketDue3h: 104,
  ticketDue2d: 105,
  ticketBreached30m: 106,
  ticketBreached: 106,
  ticketBreached2d: 107,
  ticketPausedPending: 108,
  ticketPaused: 108,
  ticketPausedHold: 109,
  ticketAchieved: 110,
  ticketMultiMetric: 111,
  ticketNoSlaTwitter: 112,
  ticketNoSlaFacebook: 113,
  ticketNoSlaDisqus: 114,
  ticketNoSlaForum: 115,
  ticketNoSlaStackOverflow: 116,
  ticketNoSlaEmail: 117,
  ticketNoSlaEmail2: 118,
  ticketSecurity: 119,
  ticketVoice: 120,
  ticketMobile: 121,
  ticketMessaging: 122,
  ticketAnyChannel: 123,
  ticketNoPriority: 124,
  ticketSolved: 125,
  ticketClosed: 126,
  ticketHostileSubject: 127,
  ticketRtl: 128,
  ticketPeriodicUpdate: 129,
  ticketPendingNoReply: 130,
  ticketDeleted: 131,
  ticketStarEligible: 151,
  ticketStarYoung: 152,
  ticketEmergencyForm: 153,
  ticketUnknown: 999_999,
  viewMine: 360001,
  viewUnassigned: 360002,
  viewAllUnsolved: 360003,
  viewRecentlySolved: 360004,
  scheduleGlobal: 1,
  scheduleEmea: 2,
  scheduleApac: 3,
} as const;

/** The same ids, described, for test names and the demo. */
export const SEED_PURPOSES: Readonly<Record<number, string>> = {
  101: 'urgent emergency email, first reply due in 4 minutes',
  102: 'high web ticket, first reply due in 12 minutes',
  103: 'normal api ticket, first reply due in 45 minutes, unassigned',
  104: 'first reply achieved, next reply due in 3 hours',
  105: 'low priority, next reply due in 2 days',
  106: 'urgent chat, first reply breached 30 minutes ago',
  107: 'high email, first reply breached 2 days ago',
  108: 'pending: requester wait and agent work paused',
  109: 'on-hold: pausable update and agent work paused',
  110: 'first reply achieved, nothing running',
  111: 'several metrics: achieved first reply, active next reply and periodic update',
  112: 'twitter, no SLA in Zendesk',
  113: 'facebook, no SLA in Zendesk',
  114: 'disqus (email + tag), no SLA in Zendesk',
  115: 'forum, no SLA in Zendesk',
  116: 'stack overflow (api + tag), no SLA in Zendesk',
  117: 'plain email on a plan without SLA policies',
  118: 'plain email without SLA, unassigned',
  119: 'security disclosure, first reply due in 3.5 hours',
  120: 'urgent voice call, first reply due in 12 minutes',
  121: 'mobile, next reply due in 5 hours',
  122: 'messaging, first reply due in 20 minutes',
  123: 'any_channel integration, first reply due in 6 hours',
  124: 'no priority set yet',
  125: 'solved',
  126: 'closed',
  127: 'hostile HTML in subject and comments',
  128: 'right-to-left and zero-width characters in the subject',
  129: 'periodic update due in 25 minutes',
  130: 'pending without a public reply: first reply clock still running',
  131: 'deleted ticket (404)',
  151: 'STAR eligible: first reply breached 90 minutes ago, customer waiting, priority raised',
  152: 'STAR refused: created 20 minutes ago',
  153: 'emergency form, urgent, first reply breached, over an hour old',
};

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

type Who = 'requester' | 'agent' | 'other' | 'note';
interface SeedTicket {
  id: number;
  subject: string;
  status: Status;
  priority: Priority | null;
  channel: string;
  tags?: string[];
  requester: number;
  assignee: number | null;
  group: number | null;
  ageMin: number;
  type?: StoredTicket['type'];
  /** [metric, stage, minutes until breach (null when paused), target minutes, paused remaining minutes] */
  metrics?: [string, Stage, number | null, number, number?][];
  /** [who, minutes ago, body]; the first requester entry is the description. */
  comments: [Who, number, string][];
  deleted?: boolean;
  form?: 'emergency';
  /** [minutes ago, field, from, to]: Change events recorded as audits (the history a STAR reads). */
  changes?: [number, string, string | null, string][];
}

const HOSTILE = '<img src=x onerror=alert(1)>';
const RTL_SUBJECT = '\u202Eالدعم\u200B عاجل\u200D: runner \u200Fلا يعمل\u202C';

const TICKETS: SeedTicket[] = [
  {
    id: 101, subject: 'EMERGENCY: production GitLab instance down after upgrade to 17.2', status: 'new', priority: 'urgent',
    channel: 'email', tags: ['emergency', 'self_managed', 'premium'], requester: 2001, assignee: 1001, group: 501, ageMin: 26, type: 'incident',
    metrics: [['first_reply_time', 'active', 4, 30]],
    comments: [
      ['requester', 26, 'Our self-managed instance returns 502 on every page since the 17.2 upgrade. All 400 developers are blocked.'],
      ['note', 20, 'PagerDuty acknowledged. Checking whether the customer is on Premium.'],
    ],
  },
  {
    id: 102, subject: 'CI pipelines stuck in pending on shared runners', status: 'open', priority: 'high',
    channel: 'web', tags: ['saas', 'ci'], requester: 2002, assignee: 1001, group: 501, ageMin: 228,
    metrics: [['first_reply_time', 'active', 12, 240]],
    comments: [['requester', 228, 'Since this morning every pipeline in our group stays pending for more than an hour.']],
  },
  {
    id: 103, subject: 'How do I rotate the runner registration token?', status: 'new', priority: 'normal',
    channel: 'api', tags: ['self_managed'], requester: 2003, assignee: null, group: 501, ageMin: 435, type: 'question',
    metrics: [['first_reply_time', 'active', 45, 480]],
    comments: [['requester', 435, 'We need to rotate our runner registration token after an employee left. What is the safe order?']],
  },
  {
    id: 104, subject: 'LDAP sync removes users from groups every night', status: 'open', priority: 'normal',
    channel: 'email', tags: ['self_managed', 'ldap'], requester: 2004, assignee: 1001, group: 501, ageMin: 1500,
    metrics: [['first_reply_time', 'achieved', -1000, 480], ['next_reply_time', 'active', 180, 480]],
    comments: [
      ['requester', 1500, 'Every night at 01:00 the LDAP sync removes about 30 users from their groups.'],
      ['agent', 1400, 'Thanks for the report. Could you attach the output of `gitlab-rake gitlab:ldap:check`?'],
      ['requester', 300, 'Attached the check output. The group filter looks correct to us.'],
    ],
  },
  {
    id: 105, subject: 'Feature question: can we restrict who approves merge requests?', status: 'open', priority: 'low',
    channel: 'web', tags: ['saas'], requester: 2005, assignee: 1002, group: 501, ageMin: 4000, type: 'question',
    metrics: [['first_reply_time', 'achieved', -2000, 1440], ['next_reply_time', 'active', 2 * 1440 + 30, 1440 * 3]],
    comments: [
      ['requester', 4000, 'Is it possible to restrict approvals to members of one subgroup?'],
      ['other', 3000, 'Yes, with approval rules. Which tier are you on?'],
      ['requester', 1410, 'We are on Premium.'],
    ],
  },
  {
    id: 106, subject: 'Runners failing with "no space left on device" - all deploys blocked', status: 'open', priority: 'urgent',
    channel: 'chat', tags: ['saas', 'premium'], requester: 2006, assignee: 1001, group: 501, ageMin: 60, type: 'incident',
    metrics: [['first_reply_time', 'active', -30, 30]],
    comments: [
      ['requester', 60, 'All our deploy jobs fail with "no space left on device" on our group runners.'],
      ['requester', 35, 'Any update? Production hotfix is waiting.'],
    ],
  },
  {
    id: 107, subject: 'Geo secondary not replicating container registry', status: 'open', priority: 'high',
    channel: 'email', tags: ['self_managed', 'geo', 'ultimate'], requester: 2007, assignee: null, group: 501, ageMin: 2 * 1440 + 240,
    metrics: [['first_reply_time', 'active', -2 * 1440, 240]],
    comments: [['requester', 2 * 1440 + 240, 'Our Geo secondary shows 0% registry replication for three days.']],
  },
  {
    id: 108, subject: 'Need help migrating from Jenkins to GitLab CI', status: 'pending', priority: 'normal',
    channel: 'email', tags: ['self_managed', 'migration'], requester: 2008, assignee: 1001, group: 501, ageMin: 3000,
    metrics: [
      ['first_reply_time', 'achieved', -2600, 480],
      ['requester_wait_time', 'paused', null, 2880, 1500],
      ['agent_work_time', 'paused', null, 5760, 4000],
    ],
    comments: [
      ['requester', 3000, 'We have 200 Jenkins jobs. Is there a migration guide?'],
      ['agent', 2700, 'Yes: see the Jenkins migration docs. Could you tell us which plugins you rely on? Setting this to pending until then.'],
    ],
  },
  {
    id: 109, subject: 'Waiting on engineering: merge request diff not loading', status: 'hold', priority: 'high',
    channel: 'web', tags: ['saas', 'bug'], requester: 2009, assignee: 1002, group: 501, ageMin: 5000,
    metrics: [
      ['first_reply_time', 'achieved', -4800, 240],
      ['pausable_update_time', 'paused', null, 1440, 600],
      ['agent_work_time', 'paused', null, 5760, 2000],
    ],
    comments: [
      ['requester', 5000, 'The diff of MR !4521 never loads, spinner forever.'],
      ['other', 4900, 'Reproduced. I have opened an issue with engineering and put this on hold.'],
      ['note', 4890, 'Issue gitlab-org/gitlab#412345 opened.'],
    ],
  },
  {
    id: 110, subject: 'Question about seat usage on our invoice', status: 'open', priority: 'normal',
    channel: 'email', tags: ['licensing'], requester: 2010, assignee: 1001, group: 503, ageMin: 700,
    metrics: [['first_reply_time', 'achieved', -100, 480]],
    comments: [
      ['requester', 700, 'Our invoice shows 120 seats but we only have 95 active users.'],
      ['agent', 300, 'Billable users include guests on Premium. I am checking your subscription now.'],
    ],
  },
  {
    id: 111, subject: 'Intermittent 500 errors on the API after enabling rate limits', status: 'open', priority: 'high',
    channel: 'email', tags: ['self_managed', 'api'], requester: 2001, assignee: 1001, group: 501, ageMin: 12000,
    metrics: [
      ['first_reply_time', 'achieved', -141 * 1440, 240],
      ['next_reply_time', 'active', 21 * 60, 1440],
      ['periodic_update_time', 'active', 7 * 1440, 10080],
    ],
    comments: [
      ['requester', 12000, 'After enabling the API rate limits we see random 500s on /api/v4/projects.'],
      ['agent', 11900, 'Can you share the production_json.log lines for one of the failing requests?'],
      ['requester', 180, 'Here are three examples from today.'],
    ],
  },
  {
    id: 112, subject: '@gitlab my pipeline badge shows the wrong status', status: 'open', priority: 'normal',
    channel: 'twitter', tags: ['twitter'], requester: 2005, assignee: 1001, group: 501, ageMin: 200, metrics: [],
    comments: [['requester', 200, '@gitlab the pipeline badge on our README says failed but the pipeline passed']],
  },
  {
    id: 113, subject: 'Message from GitLab Facebook page: account locked', status: 'new', priority: 'low',
    channel: 'facebook', tags: ['facebook'], requester: 2003, assignee: null, group: 501, ageMin: 900, metrics: [],
    comments: [['requester', 900, 'Hi, my account got locked after too many sign-in attempts. Can you help?']],
  },
  {
    id: 114, subject: 'New comment on "GitLab 17.2 released"', status: 'open', priority: 'normal',
    channel: 'email', tags: ['disqus', 'blog'], requester: 2011, assignee: 1001, group: 501, ageMin: 1300, metrics: [],
    comments: [['requester', 1300, 'A new comment was posted on the blog: "Does the new runner autoscaler support Azure?"']],
  },
  {
    id: 115, subject: 'Forum: Help with .gitlab-ci.yml rules and changes', status: 'new', priority: 'low',
    channel: 'forum', tags: ['forum'], requester: 2002, assignee: null, group: 501, ageMin: 2500, metrics: [],
    comments: [['requester', 2500, 'My job runs on every push even though I use rules:changes. What am I missing?']],
  },
  {
    id: 116, subject: 'Stack Overflow: GitLab Pages 404 after custom domain', status: 'open', priority: 'normal',
    channel: 'api', tags: ['stack_overflow'], requester: 2008, assignee: 1002, group: 501, ageMin: 3100, metrics: [],
    comments: [['requester', 3100, 'New Stack Overflow question tagged gitlab: Pages returns 404 after adding a custom domain.']],
  },
  {
    id: 117, subject: 'Cannot download artifacts larger than 1 GB', status: 'open', priority: 'normal',
    channel: 'email', tags: ['self_managed'], requester: 2004, assignee: 1001, group: 501, ageMin: 400, metrics: [],
    comments: [['requester', 400, 'Artifact downloads above 1 GB stop at exactly 1024 MB.']],
  },
  {
    id: 118, subject: 'Request for a copy of our SOC 2 report', status: 'new', priority: 'high',
    channel: 'email', tags: ['compliance'], requester: 2010, assignee: null, group: 501, ageMin: 90, metrics: [],
    comments: [['requester', 90, 'Our auditors need GitLab\'s latest SOC 2 Type 2 report.']],
  },
  {
    id: 119, subject: 'Security disclosure: stored XSS in wiki preview', status: 'open', priority: 'high',
    channel: 'email', tags: ['security'], requester: 2012, assignee: null, group: 502, ageMin: 270,
    metrics: [['first_reply_time', 'active', 210, 480]],
    comments: [['requester', 270, 'I found a stored XSS in the wiki preview. Proof of concept attached. Please confirm receipt.']],
  },
  {
    id: 120, subject: 'Voicemail: customer reports total outage of self-managed instance', status: 'open', priority: 'urgent',
    channel: 'voice', tags: ['self_managed', 'emergency'], requester: 2007, assignee: 1001, group: 501, ageMin: 18,
    metrics: [['first_reply_time', 'active', 12, 30]],
    comments: [['requester', 18, 'Voicemail transcription: "Hi, our GitLab is completely down, please call back."']],
  },
  {
    id: 121, subject: 'Mobile: push notifications not arriving', status: 'open', priority: 'normal',
    channel: 'mobile', tags: ['saas'], requester: 2009, assignee: 1002, group: 501, ageMin: 1600,
    metrics: [['first_reply_time', 'achieved', -900, 480], ['next_reply_time', 'active', 300, 480]],
    comments: [
      ['requester', 1600, 'I no longer receive push notifications for mentions.'],
      ['other', 1500, 'Which device and OS version are you using?'],
      ['requester', 180, 'iPhone 15, iOS 18.1.'],
    ],
  },
  {
    id: 122, subject: 'Chatbot handoff: billing portal shows an error', status: 'open', priority: 'high',
    channel: 'native_messaging', tags: ['licensing'], requester: 2006, assignee: null, group: 503, ageMin: 220,
    metrics: [['first_reply_time', 'active', 20, 240]],
    comments: [['requester', 220, 'The customers portal says "Something went wrong" when I try to add seats.']],
  },
  {
    id: 123, subject: 'Slack integration: webhook deliveries failing', status: 'open', priority: 'normal',
    channel: 'any_channel', tags: ['integrations'], requester: 2011, assignee: 1001, group: 501, ageMin: 120,
    metrics: [['first_reply_time', 'active', 360, 480]],
    comments: [['requester', 120, 'Slack notifications stopped; the webhook log shows 410 Gone.']],
  },
  {
    id: 124, subject: 'Question about upgrade path from 15.11', status: 'new', priority: null,
    channel: 'web', tags: [], requester: 2003, assignee: null, group: null, ageMin: 30,
    metrics: [['first_reply_time', 'active', 600, 630]],
    comments: [['requester', 30, 'What is the required upgrade path from 15.11 to 17.2?']],
  },
  {
    id: 125, subject: 'Password reset email never arrives', status: 'solved', priority: 'normal',
    channel: 'email', tags: ['saas'], requester: 2002, assignee: 1001, group: 501, ageMin: 6000,
    metrics: [['first_reply_time', 'achieved', -5500, 480], ['requester_wait_time', 'achieved', -1000, 2880]],
    comments: [
      ['requester', 6000, 'I requested a password reset three times and never got the email.'],
      ['agent', 5900, 'Your address was on our suppression list; I removed it. Please try again.'],
      ['requester', 5800, 'It worked, thanks!'],
    ],
  },
  {
    id: 126, subject: 'Old: license file upload error', status: 'closed', priority: 'low',
    channel: 'web', tags: ['licensing'], requester: 2004, assignee: 1002, group: 503, ageMin: 40000,
    metrics: [['first_reply_time', 'achieved', -39000, 1440]],
    comments: [
      ['requester', 40000, 'Uploading the license file fails with "invalid".'],
      ['other', 39900, 'The file was for a different instance; a new one is attached.'],
    ],
  },
  {
    id: 127, subject: `Broken preview ${HOSTILE} in issue description`, status: 'open', priority: 'normal',
    channel: 'web', tags: ['saas'], requester: 2012, assignee: 1001, group: 501, ageMin: 435,
    metrics: [['first_reply_time', 'active', 45, 480]],
    comments: [
      ['requester', 435, `When I paste ${HOSTILE} or <script>alert("xss")</script> into an issue the preview breaks.`],
      ['note', 400, 'Do not open the attachments from this ticket outside the sandbox. "><svg onload=alert(2)>'],
    ],
  },
  {
    id: 128, subject: RTL_SUBJECT, status: 'open', priority: 'high',
    channel: 'email', tags: ['self_managed'], requester: 2013, assignee: 1001, group: 501, ageMin: 1200,
    metrics: [['first_reply_time', 'achieved', -900, 240], ['next_reply_time', 'active', 120, 240]],
    comments: [
      ['requester', 1200, 'مرحبا، المشغل لا يعمل بعد التحديث\u200B. Runner shows "unhealthy".'],
      ['agent', 1100, 'Could you run `gitlab-runner verify` and send the output?'],
      ['requester', 120, '\u202Eتم إرسال المخرجات\u202C'],
    ],
  },
  {
    id: 129, subject: 'Ongoing incident: degraded performance on gitlab.com for our namespace', status: 'open', priority: 'urgent',
    channel: 'email', tags: ['saas', 'ultimate'], requester: 2001, assignee: 1001, group: 501, ageMin: 200, type: 'incident',
    metrics: [['first_reply_time', 'achieved', -150, 30], ['periodic_update_time', 'active', 25, 60]],
    comments: [
      ['requester', 200, 'Page loads take 20+ seconds for everything under our namespace.'],
      ['agent', 185, 'We are investigating with the infrastructure team and will update you every hour.'],
      ['agent', 35, 'Update: the slow queries are identified; a fix is being deployed.'],
    ],
  },
  {
    id: 130, subject: 'SAML SSO login loop for new users', status: 'pending', priority: 'high',
    channel: 'email', tags: ['saas', 'sso'], requester: 2013, assignee: 1001, group: 501, ageMin: 150,
    metrics: [['first_reply_time', 'active', 90, 240]],
    comments: [
      ['requester', 150, 'New users get redirected back to the IdP forever.'],
      ['note', 60, 'Set to pending by mistake without replying; the first reply clock keeps running.'],
    ],
  },
  {
    id: 131, subject: 'Spam: cheap watches', status: 'open', priority: 'low', channel: 'email', requester: 2014,
    assignee: null, group: null, ageMin: 500, metrics: [], comments: [['requester', 500, 'Buy now!']], deleted: true,
  },
  {
    id: 151, subject: 'Merge requests time out on our largest project since Monday', status: 'open', priority: 'high',
    channel: 'email', tags: ['self_managed', 'premium'], requester: 2004, assignee: null, group: 501, ageMin: 330,
    metrics: [['first_reply_time', 'active', -90, 240]],
    changes: [[200, 'priority', 'normal', 'high']],
    comments: [
      ['requester', 330, 'Opening any merge request on our monorepo times out after 60 seconds. 300 engineers are affected.'],
      ['note', 200, 'Raised to High: the customer says their release is blocked.'],
      ['requester', 45, 'We still have no answer. Our release is blocked. Please escalate.'],
    ],
  },
  {
    id: 152, subject: 'Question about CI minutes quota', status: 'new', priority: 'normal',
    channel: 'web', tags: ['saas'], requester: 2009, assignee: null, group: 501, ageMin: 20,
    metrics: [['first_reply_time', 'active', 460, 480]],
    comments: [['requester', 20, 'How are CI minutes counted for jobs on our own runners?']],
  },
  {
    id: 153, subject: 'EMERGENCY: gitlab.com group locked out after SAML change', status: 'new', priority: 'urgent',
    channel: 'web', tags: ['emergency', 'saas', 'ultimate'], requester: 2006, assignee: null, group: 501, ageMin: 70, type: 'incident', form: 'emergency',
    metrics: [['first_reply_time', 'active', -40, 30]],
    comments: [['requester', 70, 'After changing our SAML settings nobody in our group can sign in, including the owners.']],
  },
];

/** Filler tickets: a realistic queue so "All unsolved tickets" needs more than one page of 30 rows. */
const FILLER_SUBJECTS = [
  'Container registry cleanup policy not deleting tags',
  'Sidekiq memory grows until OOM',
  'Merge train skipping pipelines',
  'Elasticsearch indexing stuck at 98%',
  'Two-factor recovery codes lost',
  'Group SAML: users not provisioned via SCIM',
  'Backup rake task fails on object storage',
  'Project import from GitHub times out',
  'Protected branch push rules ignored',
  'Dependency scanning reports no vulnerabilities',
  'Upgrade assistance request for 16.11 to 17.3',
  'Gitaly cluster reports read-only repositories',
  'Pages deployment stuck in "running"',
  'Webhooks retried too often',
  'Renewal quote needed before end of quarter',
  'Kubernetes agent disconnected every hour',
  'Audit events missing for project deletes',
  'Wrong namespace storage usage shown',
  'Runner autoscaler leaves orphaned VMs',
];
const FILLER_CHANNELS = ['email', 'web', 'api', 'email', 'web', 'mobile', 'chat', 'email'];
const FILLER_PRIORITIES: (Priority | null)[] = ['normal', 'low', 'high', 'normal', 'urgent', 'normal', 'low', null];
const FILLER_STATUSES: Status[] = ['open', 'new', 'open', 'pending', 'open', 'hold', 'open', 'new', 'open', 'solved'];
const FILLER_ASSIGNEES: (number | null)[] = [1001, null, 1002, 1001, 1003, null, 1001, 1002];

function fillerTickets(): SeedTicket[] {
  return FILLER_SUBJECTS.map((subject, i): SeedTicket => {
    const status = FILLER_STATUSES[i % FILLER_STATUSES.length] ?? 'open';
    const ageMin = 600 + i * 377;
    const target = 480;
    const breachIn = ((i * 211) % 1800) - 300;
    const metrics: NonNullable<SeedTicket['metrics']> =
      status === 'solved'
        ? [['first_reply_time', 'achieved', -ageMin + target, target]]
        : status === 'pending' || status === 'hold'
          ? [['first_reply_time', 'achieved', -ageMin + target, target], ['requester_wait_time', 'paused', null, 2880, 900]]
          : i % 5 === 4
            ? []
            : [['first_reply_time', 'active', breachIn, target]];
    const answered = metrics.some(([m, s]) => m === 'first_reply_time' && s === 'achieved');
    const comments: [Who, number, string][] = [['requester', ageMin, `${subject}. Details and logs attached.`]];
    if (answered) comments.push(['agent', ageMin - 60, 'Thanks, looking into it. Could you confirm your GitLab version?']);
    return {
      id: 132 + i,
      subject,
      status,
      priority: FILLER_PRIORITIES[i % FILLER_PRIORITIES.length] ?? null,
      channel: FILLER_CHANNELS[i % FILLER_CHANNELS.length] ?? 'email',
      tags: i % 3 === 0 ? ['self_managed'] : ['saas'],
      requester: 2001 + (i % 13),
      assignee: FILLER_ASSIGNEES[i % FILLER_ASSIGNEES.length] ?? null,
      group: 501,
      ageMin,
      metrics,
      comments,
    };
  });
}

export interface SeedData {
  users: StoredUser[];
  groups: { id: number; name: string }[];
  organizations: { id: number; name: string }[];
  tickets: StoredTicket[];
  comments: StoredComment[];
  views: StoredView[];
  schedules: StoredSchedule[];
  audits: Audit[];
}

/** Every requester has an organization: no real capture shows a ticket with `organization_id: null`. */
const END_USERS: [number, string, string, number | null][] = [
  [2001, 'Dana Whitfield', 'dana@acme.example', 3001],
  [2002, 'Erik Larsen', 'erik@nordlys.example', 3002],
  [2003, 'Fatima Zahra', 'fatima@example.org', 3007],
  [2004, 'Gabriel Silva', 'gabriel@tecnologia.example', 3003],
  [2005, 'Hiro Tanaka', 'hiro@example.jp', 3008],
  [2006, 'Ines Moreau', 'ines@banque.example', 3004],
  [2007, 'Jonas Weber', 'jonas@logistik.example', 3005],
  [2008, 'Kim Nguyen', 'kim@startup.example', 3001],
  [2009, 'Lena Novak', 'lena@example.com', 3002],
  [2010, 'Marcus Obi', 'marcus@finance.example', 3004],
  [2011, 'Disqus Notifications', 'notifications@disqus.example', 3009],
  [2012, 'Nora Quinn', 'nora@research.example', 3007],
  [2013, 'مريم حداد', 'mariam@example.ae', 3006],
  [2014, 'Spam Sender', 'spam@spam.example', 3009],
];

const CHANNEL_SOURCE: Record<string, { rel: string | null }> = {
  web: { rel: 'web_widget' },
  native_messaging: { rel: 'messaging' },
  any_channel: { rel: 'slack' },
  voice: { rel: 'voicemail' },
  twitter: { rel: 'mention' },
  facebook: { rel: 'message' },
};

export function buildSeed(now: number): SeedData {
  const audits: Audit[] = [];
  let auditId = 9_400_001;
  const users: StoredUser[] = [
    { id: 1001, name: 'Alex Agent', email: AGENT_EMAIL, role: 'agent', timeZone: 'Pacific Time (US & Canada)', ianaTimeZone: 'America/Los_Angeles', organizationId: null, defaultGroupId: 501, createdAt: now - 400 * DAY },
    { id: 1002, name: 'Blake Backup', email: 'blake.backup@example.com', role: 'agent', timeZone: 'Amsterdam', ianaTimeZone: 'Europe/Amsterdam', organizationId: null, defaultGroupId: 501, createdAt: now - 300 * DAY },
    { id: 1003, name: 'Casey Chen', email: 'casey.chen@example.com', role: 'admin', timeZone: 'Brisbane', ianaTimeZone: 'Australia/Brisbane', organizationId: null, defaultGroupId: 502, createdAt: now - 500 * DAY },
    ...END_USERS.map(([id, name, email, org]): StoredUser => ({
      id, name, email, role: 'end-user', timeZone: 'UTC', ianaTimeZone: 'Etc/UTC', organizationId: org, defaultGroupId: null, createdAt: now - 200 * DAY,
    })),
  ];
  const byId = new Map(users.map((u) => [u.id, u]));
  const tickets: StoredTicket[] = [];
  const comments: StoredComment[] = [];
  let commentId = 9_000_001;
  for (const s of [...TICKETS, ...fillerTickets()]) {
    const createdAt = now - s.ageMin * MIN;
    const requester = byId.get(s.requester);
    const metrics: StoredMetric[] = (s.metrics ?? []).map(([metric, stage, breachIn, target, pausedLeft]) => ({
      metric,
      stage,
      breachAt: breachIn === null ? null : now + breachIn * MIN,
      remainingMs: pausedLeft === undefined ? null : pausedLeft * MIN,
      targetMinutes: target,
    }));
    const sorted = [...s.comments].sort((a, b) => b[1] - a[1]);
    const lastComment = sorted[sorted.length - 1];
    const updatedAt = Math.max(createdAt, lastComment ? now - lastComment[1] * MIN : createdAt);
    tickets.push({
      id: s.id,
      subject: s.subject,
      description: sorted[0]?.[2] ?? '',
      status: s.status,
      priority: s.priority,
      type: s.type ?? null,
      channel: s.channel,
      viaSource: {
        from: s.channel === 'email' && requester ? { address: requester.email, name: requester.name } : {},
        to: s.channel === 'email' ? { name: 'GitLab Support', address: 'support@replica.zendesk.example' } : {},
        rel: CHANNEL_SOURCE[s.channel]?.rel ?? null,
      },
      recipient: s.channel === 'email' ? 'support@replica.zendesk.example' : null,
      tags: s.tags ?? [],
      requesterId: s.requester,
      submitterId: s.requester,
      assigneeId: s.assignee,
      groupId: s.group,
      organizationId: requester?.organizationId ?? null,
      createdAt,
      updatedAt,
      statusUpdatedAt: updatedAt,
      solvedAt: s.status === 'solved' || s.status === 'closed' ? updatedAt : null,
      assignedAt: s.assignee === null ? null : createdAt + 5 * MIN,
      deleted: s.deleted ?? false,
      metrics,
      ...(s.form === 'emergency' ? { ticketFormId: EMERGENCY_TICKET_FORM_ID } : {}),
    });
    for (const [ago, field, from, to] of s.changes ?? []) {
      const id = auditId++;
      audits.push({
        id, ticketId: s.id, authorId: AGENT_ID, createdAt: now - ago * MIN,
        events: [{ id: auditId++, type: 'Change', field_name: field, value: to, previous_value: from }],
      });
    }
    for (const [who, ago, body] of sorted) {
      const author = who === 'requester' ? s.requester : who === 'other' ? (s.assignee ?? 1002) : (s.assignee ?? AGENT_ID);
      comments.push({
        id: commentId++,
        ticketId: s.id,
        authorId: who === 'other' ? 1002 : author,
        body,
        htmlBody: textToHtml(body),
        public: who !== 'note',
        createdAt: now - ago * MIN,
        channel: who === 'requester' ? s.channel : 'web',
      });
    }
  }
  return {
    users,
    groups: [
      { id: 501, name: 'Support' },
      { id: 502, name: 'Security' },
      { id: 503, name: 'Licensing & Renewals' },
    ],
    organizations: [
      { id: 3001, name: 'Acme Corp' },
      { id: 3002, name: 'Nordlys AS' },
      { id: 3003, name: 'Tecnologia SA' },
      { id: 3004, name: 'Banque Exemple' },
      { id: 3005, name: 'Logistik GmbH' },
      { id: 3006, name: 'Emirates Example LLC' },
      { id: 3007, name: 'Independent researchers' },
      { id: 3008, name: 'Tanaka Software KK' },
      { id: 3009, name: 'Integrations' },
    ],
    tickets,
    comments,
    audits,
    views: [
      { id: 360001, title: 'Your unsolved tickets', description: 'Unsolved tickets assigned to you', position: 0, filter: { assignee: 'me', statusBelow: 'solved' } },
      { id: 360002, title: 'Unassigned tickets', description: 'Unsolved tickets nobody owns yet', position: 1, filter: { assignee: 'none', statusBelow: 'solved' } },
      { id: 360003, title: 'All unsolved tickets', description: 'Every unsolved ticket', position: 2, filter: { statusBelow: 'solved' } },
      { id: 360004, title: 'Recently solved tickets', description: 'Solved and closed tickets', position: 3, filter: { statusAtLeast: 'solved' } },
    ],
    schedules: [
      {
        id: 1,
        name: 'GitLab Global Support Hours',
        timeZone: 'Pacific Time (US & Canada)',
        // Minutes since Sunday 00:00; one interval per day because Zendesk intervals cannot span days.
        intervals: [
          { start_time: 900, end_time: 1440 },
          { start_time: 1440, end_time: 2880 },
          { start_time: 2880, end_time: 4320 },
          { start_time: 4320, end_time: 5760 },
          { start_time: 5760, end_time: 7200 },
          { start_time: 7200, end_time: 8220 },
        ],
      },
      { id: 2, name: 'EMEA', timeZone: 'Amsterdam', intervals: weekdays(8 * 60, 18 * 60) },
      { id: 3, name: 'APAC', timeZone: 'Brisbane', intervals: weekdays(9 * 60, 21 * 60) },
    ],
  };
}

function weekdays(startMinute: number, endMinute: number): { start_time: number; end_time: number }[] {
  return [1, 2, 3, 4, 5].map((day) => ({ start_time: day * 1440 + startMinute, end_time: day * 1440 + endMinute }));
}
