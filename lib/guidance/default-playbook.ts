/**
 * The default playbook: GitLab Support's handbook pages (shared/handbook/) as rules and cards. Card text quotes or
 * closely paraphrases the page named in `handbook.page`; each rule's `detection` says how the situation is
 * recognised from ticket data and what that assumes (tags are the ones GitLab's Zendesk triggers and integrations
 * set, e.g. "twitter", "disqus", "stack_overflow", "security"; teams with other tags import their own playbook).
 *
 * Pages: 000 = Support (2016 handbook, the SLA page), 001 = Support Channels, 002 = Support team handbook,
 * 003 = Working with GitLab Support, 004 = Knowledge Base (2016).
 */
import { validatePlaybook, type Playbook, type PlaybookInput } from './playbook-schema';

const P000 = 'Support (2016 handbook) — handbook/000';
const P001 = 'Support Channels — handbook/001';
const P002 = 'Support team handbook — handbook/002';
const P003 = 'Working with GitLab Support — handbook/003';
const P004 = 'Knowledge Base (2016) — handbook/004';
const SUPPORT_2016 = 'https://about.gitlab.com/handbook/support/';
const CHANNELS = 'https://about.gitlab.com/handbook/support/channels/';
const INTERNAL = 'https://about.gitlab.com/handbook/support/internal-support/';
const KB = 'https://about.gitlab.com/handbook/support/knowledge-base/';

/** Channels whose tickets are regular Zendesk conversations (replied to from Zendesk, under the SLA policy). */
const CONVERSATION_CHANNELS = ['email', 'web', 'api', 'mobile', 'native_messaging', 'chat', 'any_channel', 'voice', 'sample_ticket'];
const UNSOLVED = ['new', 'open', 'pending', 'hold'] as const;

/** "Always mention that they can email us at any time for an update" (000, Security disclosures and HackerOne). */
const EMAIL_ANY_TIME = {
  pattern: String.raw`\b(e-?mail|write to|contact|reach|ping)\s+(us|security@\S+)\b[^\n]{0,60}?\b(at\s+)?any\s*time`,
  label: 'the line saying they can email us at any time for an update',
};

/** DOMAIN.md c2: GitLab's reply clock ticks in Pending and On-hold until an agent's public reply. */
const PENDING_CLOCK_CHECK = {
  id: 'pending-without-reply',
  severity: 'warning' as const,
  message:
    'The reply clock keeps running: GitLab counts first and next reply time in Pending and On-hold until an agent replies publicly, so this status change does not stop it.',
  applies_to: 'any' as const,
  status_without_public_reply: { statuses: ['pending' as const, 'hold' as const], only_while_sla_running: true },
};

const DEFAULT_PLAYBOOK_INPUT: PlaybookInput = {
  version: 1,
  name: 'GitLab Support handbook (default)',
  rules: [
    {
      id: 'emergency',
      detection:
        'Priority Urgent, or tagged "emergency". The 2016 page: "Emergency tickets (SLA category 1) are tagged as Urgent"; the emergency form/trigger adds the "emergency" tag.',
      when: { any: [{ priority: ['urgent'] }, { tags: { any: ['emergency'] } }] },
      cards: ['emergency-first-response', 'emergency-crisis'],
    },
    {
      id: 'gitlab-com-downtime',
      detection:
        'The ticket says GitLab.com is down, unavailable, unreachable, degraded or answering 502/503 (either order, within one sentence), or is tagged "outage"/"gitlab_com_down". A self-managed instance being down is an emergency, not this.',
      when: {
        any: [
          { tags: { any: ['outage', 'gitlab_com_down', 'availability'] } },
          {
            text: String.raw`gitlab\.com\b[^.\n]{0,80}\b(down|outage|unavailable|unreachable|not (loading|responding|reachable)|degraded|50[23])\b|\b(down|outage|unavailable|unreachable|degraded)\b[^.\n]{0,80}\bgitlab\.com\b`,
          },
        ],
      },
      cards: ['gitlab-com-downtime'],
    },
    {
      id: 'security-disclosure',
      detection:
        'Sent to a security@ address, tagged "security"/"security_disclosure"/"vulnerability", or a subject naming a vulnerability or responsible disclosure. HackerOne reports have their own rule.',
      when: {
        all: [
          {
            any: [
              { recipient: '^security@' },
              { tags: { any: ['security', 'security_disclosure', 'vulnerability'] } },
              { subject: String.raw`security (disclosure|vulnerability|report)|vulnerabilit|responsible disclosure|\bxss\b|\bcsrf\b|remote code execution|sql injection` },
            ],
          },
          { not: { tags: { any: ['hackerone'] } } },
        ],
      },
      cards: ['security-disclosure'],
    },
    {
      id: 'hackerone',
      detection:
        'Tagged "hackerone"/"h1", from a hackerone.com address, or "HackerOne" in the subject: the 2016 page says H1 reports "are also piped into ZenDesk".',
      when: {
        any: [
          { tags: { any: ['hackerone', 'h1'] } },
          { requester_domain: ['hackerone.com', 'wearehackerone.com'] },
          { subject: String.raw`hacker\s?one|\[h1\]` },
        ],
      },
      cards: ['hackerone'],
    },
    {
      id: 'regular-ticket',
      detection:
        'An unsolved ticket on a conversation channel (email, web form, API, mobile, messaging, chat, voice) that is not urgent and not one of the special queues (security, HackerOne, Disqus, social, community, spam, internal).',
      when: {
        channel: CONVERSATION_CHANNELS,
        status: [...UNSOLVED],
        not: {
          any: [
            { priority: ['urgent'] },
            { recipient: '^security@' },
            {
              tags: {
                any: ['emergency', 'security', 'security_disclosure', 'hackerone', 'disqus', 'twitter', 'facebook', 'forum', 'stack_overflow', 'reddit', 'quora', 'spam', 'internal_request'],
              },
            },
          ],
        },
      },
      cards: ['regular-fifo'],
    },
    {
      id: 'errors-on-gitlab-com',
      detection:
        'An HTTP 5xx / "internal server error" mentioned on a GitLab.com ticket (tagged "saas"/"gitlab_com"/"dotcom", or naming gitlab.com), and not tagged "self_managed" (Sentry only has GitLab.com errors).',
      when: {
        all: [
          { text: String.raw`\b(error\s*)?50[0-4]s?\b|internal server error` },
          { any: [{ tags: { any: ['saas', 'gitlab_com', 'dotcom'] } }, { text: String.raw`\bgitlab\.com\b` }] },
          { not: { tags: { any: ['self_managed'] } } },
        ],
      },
      cards: ['errors-on-gitlab-com'],
    },
    {
      id: 'scheduled-upgrade-call',
      detection:
        'Tagged "upgrade_assistance"/"scheduled_call", or the ticket asks for upgrade assistance or an upgrade, installation or intake call/session. A question about an upgrade path alone is a regular ticket.',
      when: {
        any: [
          { tags: { any: ['upgrade_assistance', 'scheduled_call'] } },
          {
            text: String.raw`upgrade assistance|schedul\w*\s+(an?\s+)?((upgrade|installation|intake)\s+)?(call|session|screen ?shar\w*)|(upgrade|installation|intake)\s+(call|session)`,
          },
        ],
      },
      cards: ['scheduled-call'],
    },
    {
      id: 'unscheduled-call',
      detection:
        '"Several back and forth emails": three or more public agent replies (the metric set\'s `replies`) on an unsolved conversation ticket. Unknown reply counts never match.',
      when: { public_replies: { min: 3 }, status: [...UNSOLVED], channel: CONVERSATION_CHANNELS },
      cards: ['suggest-a-call'],
    },
    {
      id: 'internal-request',
      detection:
        'From a GitLab team member (requester email at gitlab.com) or tagged "internal_request"/"internal" (the internal requests form and the internal support alias).',
      when: { any: [{ tags: { any: ['internal_request', 'internal'] } }, { requester_domain: ['gitlab.com'] }] },
      cards: ['internal-request'],
    },
    {
      id: 'light-agent',
      detection: 'You are signed in as a light agent (evaluation context), or the ticket is tagged "light_agent".',
      when: { any: [{ agent_role: ['light_agent'] }, { tags: { any: ['light_agent'] } }] },
      cards: ['light-agent'],
    },
    {
      id: 'disqus',
      detection:
        'Tagged "disqus" (the Disqus integration turns blog comments into tickets, arriving by email), from a disqus.com address, or a subject like \'New comment on "…"\'.',
      when: {
        any: [{ tags: { any: ['disqus'] } }, { requester_domain: ['disqus.com', 'disqus.net'] }, { subject: '^new comment on ["“]' }],
      },
      cards: ['disqus'],
    },
    {
      id: 'twitter',
      detection: 'via.channel "twitter", or tagged "twitter".',
      when: { any: [{ channel: ['twitter'] }, { tags: { any: ['twitter'] } }] },
      cards: ['twitter'],
    },
    {
      id: 'twitter-availability',
      detection: 'A Twitter ticket that says something is down, unavailable or failing to load: the @GitLabStatus case.',
      when: {
        all: [
          { any: [{ channel: ['twitter'] }, { tags: { any: ['twitter'] } }] },
          { text: String.raw`\b(down|outage|unavailable|unreachable|not loading|can'?t (reach|access|load)|50[23]|status page)\b|@gitlabstatus` },
        ],
      },
      cards: ['twitter-status-handle'],
    },
    {
      id: 'twitter-competitor',
      detection: 'A Twitter ticket naming a competitor (GitHub, Bitbucket, Atlassian, SourceForge, Gitea, Azure DevOps).',
      when: {
        all: [
          { any: [{ channel: ['twitter'] }, { tags: { any: ['twitter'] } }] },
          { text: String.raw`\b(github|bitbucket|atlassian|sourceforge|gitea|azure devops)\b` },
        ],
      },
      cards: ['twitter-competitor'],
    },
    {
      id: 'facebook',
      detection: 'via.channel "facebook", or tagged "facebook".',
      when: { any: [{ channel: ['facebook'] }, { tags: { any: ['facebook'] } }] },
      cards: ['facebook'],
    },
    {
      id: 'forum',
      detection: 'via.channel "forum", or tagged "forum" (GitLab Forum topics flow into Zendesk).',
      when: { any: [{ channel: ['forum'] }, { tags: { any: ['forum'] } }] },
      cards: ['forum'],
    },
    {
      id: 'stack-overflow',
      detection: 'Tagged "stack_overflow"/"stackoverflow" (questions arrive through the API), or a subject starting "Stack Overflow:".',
      when: { any: [{ tags: { any: ['stack_overflow', 'stackoverflow'] } }, { subject: '^stack ?overflow:' }] },
      cards: ['stack-overflow'],
    },
    {
      id: 'reddit-quora',
      detection: 'Tagged "reddit" or "quora", or the ticket links a reddit.com/r/ or quora.com page.',
      when: { any: [{ tags: { any: ['reddit', 'quora'] } }, { text: String.raw`reddit\.com/r/|quora\.com/` }] },
      cards: ['reddit-quora'],
    },
    {
      id: 'support-tracker',
      detection:
        'Tagged "support_tracker"/"support_forum", or the ticket links an issue in gitlab-com/support-forum (the GitLab.com Support Tracker).',
      when: {
        any: [{ tags: { any: ['support_tracker', 'support_forum'] } }, { text: String.raw`gitlab\.com/gitlab-com/support-forum/(-/)?issues` }],
      },
      cards: ['support-tracker'],
    },
    {
      id: 'product-issue-tracker',
      detection:
        'Tagged "issue_tracker"/"gitlab_ee_issue"/"gitlab_ce_issue"/"omnibus_issue" (the tracker integration creates these tickets). A customer merely linking an issue is not matched: that is a regular ticket.',
      when: { tags: { any: ['issue_tracker', 'gitlab_ee_issue', 'gitlab_ce_issue', 'omnibus_issue'] } },
      cards: ['product-issue-tracker'],
    },
    {
      id: 'code-of-conduct',
      detection:
        'Tagged "code_of_conduct"/"coc"/"hostile_user"/"threat" by the agent, or the ticket mentions the Code of Conduct. Hostility itself is not guessed from the text.',
      when: { any: [{ tags: { any: ['code_of_conduct', 'coc', 'hostile_user', 'threat'] } }, { text: String.raw`code of conduct` }] },
      cards: ['code-of-conduct'],
    },
    {
      id: 'dormant-username',
      detection:
        'Tagged "dormant_username"/"name_squatting", or asks to release or claim a username/namespace, or calls one dormant, inactive, idle or squatted.',
      when: {
        any: [
          { tags: { any: ['dormant_username', 'name_squatting', 'namespace_request'] } },
          {
            text: String.raw`\b(dormant|inactive|idle|unused|squatt?(ed|ing)?)\b[^.\n]{0,40}\b(user ?names?|namespaces?|accounts?)\b|\b(release|claim|free up|reclaim)\b[^.\n]{0,30}\b(user ?names?|namespaces?)\b`,
          },
        ],
      },
      cards: ['dormant-username'],
    },
    {
      id: 'spam',
      detection: 'Tagged "spam"/"spammer", or the ticket reports spammers or spam issues/accounts/projects on GitLab.com.',
      when: {
        any: [
          { tags: { any: ['spam', 'spammer'] } },
          { text: String.raw`\bspammers?\b|\bspam(my)?\s+(issues?|users?|accounts?|projects?|snippets?|comments?)\b|\breport(ing)?\s+spam\b` },
        ],
      },
      cards: ['spam'],
    },
    {
      id: 'ham',
      detection:
        'Tagged "ham"/"false_positive_spam", or a user says their content was flagged as spam or that they cannot create issues (the Akismet false positive the KB describes).',
      when: {
        any: [
          { tags: { any: ['ham', 'false_positive_spam'] } },
          {
            text: String.raw`(flagged|marked|detected|blocked|caught)\s+as\s+spam|akismet|spam\s+(log|filter)|(can(no|')?t|cannot|unable to|not able to)\s+(create|open|submit|post)\s+(an?\s+|new\s+|any\s+)?issues?`,
          },
        ],
      },
      cards: ['ham'],
    },
    {
      id: 'free-plan',
      detection:
        'Tagged as a free plan ("free", "free_plan", "plan_free", "core", "gitlab_free") on any channel but the forum itself.',
      when: { tags: { any: ['free', 'free_plan', 'plan_free', 'core', 'gitlab_free'] }, not: { channel: ['forum'] } },
      cards: ['free-plan-forum'],
    },
  ],
  cards: [
    {
      id: 'emergency-first-response',
      title: 'Emergency: acknowledge, take the case, agree how to talk',
      importance: 1000,
      why: 'Emergency tickets should be answered within 30 minutes (SLA category 1). The PagerDuty alarm must be acknowledged within 5 minutes, or second-level support is alerted.',
      handbook: { page: `${P000}; ${P001}`, section: 'Emergency Tickets', url: `${CHANNELS}#emergency-tickets` },
      checklist: [
        { id: 'ack-pd', text: 'Acknowledge the PagerDuty incident within 5 minutes (otherwise the person on second level is alerted).' },
        { id: 'take-case', text: 'In this ticket, let the customer know that you will handle their case.' },
        { id: 'ask-contact', text: 'Ask for the best way to contact them (phone, Skype, WebEx or Hangouts) or send a Zoom meeting link.' },
        { id: 'document', text: 'Once the emergency has been resolved, return to this ticket and document any steps taken to resolve the issue.' },
      ],
      templates: [
        {
          id: 'first-response',
          title: 'First response: I am on it, how do we reach you?',
          body:
            'Hi {{requester.first_name}},\n\nMy name is {{agent.name}} and I will be handling your emergency (ticket #{{ticket.id}}).\n\nWhat is the best way to reach you right now: phone, Skype, WebEx or Hangouts? If you can use Zoom, you can join me here: [Zoom link].\n\n{{agent.first_name}}',
        },
      ],
      checks: [
        {
          id: 'asks-how-to-reach',
          severity: 'warning',
          message: 'The first response to an emergency should ask for the best way to reach the customer or send a call link (handbook: Emergency Tickets).',
          applies_to: 'public',
          first_public_reply_only: true,
          must_contain: [
            {
              pattern: String.raw`best way to (reach|contact|call)|how (can|should|do|may) (we|i) (reach|contact|call)|phone|\bcall\b|zoom|webex|hangouts?|skype|meeting link`,
              label: 'a question about the best way to reach them, or a call link',
            },
          ],
        },
        PENDING_CLOCK_CHECK,
      ],
    },
    {
      id: 'emergency-crisis',
      title: 'Crisis steps: escalate, and a shared doc after one hour',
      importance: 990,
      why: "Zendesk's linear display is not effective in a crisis, and most developers do not have access to Zendesk; an instance in a critical state needs second-level help now.",
      handbook: { page: `${P001}; ${P000}`, section: 'Crisis Situations', url: `${CHANNELS}#crisis-situations` },
      checklist: [
        { id: 'escalate', text: 'If you are unable to help and the instance is in a critical state (unavailable, uncertainty of data loss), escalate the PD incident to second level support and work through it together.' },
        { id: 'dev-help', text: 'Ask for assistance from a developer in the appropriate Slack channel if needed; while waiting, focus on getting the server to a usable state.' },
        { id: 'google-doc', text: 'If it takes longer than an hour, or several people are or need to be involved: start a Google Doc open to the customer and the wider team, and keep track of issues and ideas there.' },
        { id: 'announce', text: 'Announce the Google Doc in the appropriate Slack channel (#production, #development, #whats-happening-at-gitlab).' },
        { id: 'transfer', text: 'When resolved, transfer pertinent know-how from the doc to documentation, handbooks and/or issue trackers, so the doc can be deprecated.' },
        { id: 'handoff', text: 'Make time for a hand-off call so everyone involved can recover and stay clear-headed.' },
      ],
    },
    {
      id: 'gitlab-com-downtime',
      title: 'GitLab.com downtime: same first steps as an emergency',
      importance: 980,
      why: 'When GitLab.com goes down a PD incident is triggered as well, so the flow is the same as emergency tickets for the first steps.',
      handbook: { page: P000, section: 'GitLab.com downtime', url: `${SUPPORT_2016}#downtime` },
      checklist: [
        { id: 'infra-channel', text: 'If you are on call, keep an eye on the #infrastructure Slack channel: warnings often appear before the PD incident is triggered.' },
        { id: 'pinpoint', text: 'Once you acknowledge the incident, pinpoint the reason for the outage following the Chef Repo documentation.' },
        { id: 'fire-drill', text: 'If you have not had the fire drill for this situation yet, let the team know.' },
      ],
    },
    {
      id: 'security-disclosure',
      title: 'Security disclosure: be patient, never say "there is no problem"',
      importance: 900,
      why: 'You might be misunderstanding something, and that can lead to a 0-day disclosure. Always saying they can email us for an update prevents a 0-day disclosure resulting from us forgetting to respond. Answer within 1 business day.',
      handbook: { page: `${P000}; ${P001}`, section: 'Security disclosures', url: `${SUPPORT_2016}#security` },
      checklist: [
        { id: 'patient', text: 'Be very patient. Give examples and keep asking questions until you understand the problem or the researcher concludes there is no problem.' },
        { id: 'no-problem', text: "Do not say 'there is no problem'." },
        { id: 'acknowledge', text: 'If someone invested time to help us, offer to mention them on the Security Researcher Acknowledgments page, even if there was no actual vulnerability.' },
        { id: 'email-any-time', text: "If you say we'll get back to them, always mention that they can email us at any time for an update." },
        { id: 'private-issue', text: 'If you need help from developers, open an issue on dev.gitlab.org so we can work in private.' },
        { id: 'involve-security', text: 'When in doubt, involve the security team (Support Channels page).' },
      ],
      templates: [
        {
          id: 'reply',
          title: 'Reply to the researcher',
          body:
            'Hi {{requester.first_name}},\n\nThank you for your responsible disclosure. We are looking into your report and may come back with questions so that we understand it fully.\n\nYou can email us at any time for an update.\n\n{{agent.name}}',
        },
        {
          id: 'public-issue',
          title: 'Message for a vulnerability posted as a public issue',
          body:
            'Thank you for helping to make GitLab more secure! We removed the contents of your vulnerability disclosure to keep it private. We opened an internal issue to look at your disclosure. Can you please use our Responsible Disclosure Policy (https://about.gitlab.com/disclosure/) to send us an email that references this url so we can communicate in private?',
        },
      ],
      links: [
        { id: 'acknowledgements', title: 'Security Researcher Acknowledgments page', url: 'https://about.gitlab.com/vulnerability-acknowledgements/' },
        { id: 'disclosure-policy', title: 'Responsible Disclosure Policy', url: 'https://about.gitlab.com/disclosure/' },
      ],
      checks: [
        {
          id: 'email-any-time',
          severity: 'warning',
          message: 'Security replies should always say they can email us at any time for an update: it prevents a 0-day disclosure if we forget to respond.',
          applies_to: 'public',
          must_contain: [EMAIL_ANY_TIME],
        },
        {
          id: 'no-problem',
          severity: 'warning',
          message: "Do not tell a researcher there is no problem: you might be misunderstanding something that can lead to a 0-day disclosure. Ask questions instead.",
          applies_to: 'public',
          must_not_contain: [
            {
              pattern: String.raw`\bthere\s*(is|'s|’s)\s+no\s+(security\s+)?(problem|issue|vulnerability)\b|\b(this|it)\s+(is|'s|’s)\s+not\s+a\s+(security\s+)?(problem|vulnerability)\b`,
              label: 'the handbook says never to say this',
            },
          ],
        },
        PENDING_CLOCK_CHECK,
      ],
    },
    {
      id: 'hackerone',
      title: 'HackerOne: respond from the HackerOne dashboard, close this copy',
      importance: 890,
      why: 'HackerOne reports are piped into Zendesk but must be answered from the HackerOne dashboard within one business day; each report has to be accepted and/or closed there.',
      handbook: { page: `${P000}; ${P001}`, section: 'HackerOne', url: `${SUPPORT_2016}#security` },
      checklist: [
        { id: 'respond-h1', text: 'Respond from the HackerOne dashboard within one business day, not from Zendesk.' },
        { id: 'feedback', text: 'Give the researcher feedback as with regular support tickets; do not hesitate to triage or escalate the report.' },
        { id: 'email-any-time', text: 'Always mention that they can email us at any time for an update.' },
        { id: 'close-zd', text: 'Close this Zendesk copy manually when done; accept and/or close the report on HackerOne as well.' },
        { id: 'disclosure', text: 'Public disclosure (after resolved/informative): if the reporter requests it, it is released when you accept or 30 days after the request. Before publication make sure the report has no sensitive information and links the MR that fixed it.' },
      ],
      links: [{ id: 'dashboard', title: 'HackerOne: GitLab program', url: 'https://hackerone.com/gitlab' }],
      checks: [
        {
          id: 'email-any-time',
          severity: 'warning',
          message: 'Always mention that they can email us at any time for an update (and reply from HackerOne rather than Zendesk).',
          applies_to: 'public',
          must_contain: [EMAIL_ANY_TIME],
        },
      ],
    },
    {
      id: 'regular-fifo',
      title: 'Regular ticket: first in, first out; yours first',
      importance: 500,
      why: 'Answer tickets in FIFO order: the tickets assigned to you first, then new unassigned tickets, again oldest first.',
      handbook: { page: P000, section: 'Regular ZenDesk tickets', url: `${SUPPORT_2016}#regular` },
      checklist: [
        { id: 'fifo', text: 'Work in FIFO order: your assigned tickets first, then new unassigned ones, oldest first.' },
        { id: 'ask-help', text: 'When you need others to help, create an issue on the relevant GitLab issue tracker.' },
      ],
      checks: [PENDING_CLOCK_CHECK],
    },
    {
      id: 'errors-on-gitlab-com',
      title: 'Errors on GitLab.com: look the user up in Sentry',
      importance: 600,
      why: 'Sentry shows the exceptions a GitLab.com user encountered (particularly Error 500s); search for user.username:<user ID>.',
      handbook: { page: `${P000}; ${P004}`, section: 'Errors on GitLab.com', url: `${SUPPORT_2016}#errors-on-gitlab-com` },
      checklist: [
        { id: 'search', text: 'Search Sentry for user.username:<user ID> to bring up all exceptions the user encountered.' },
        { id: 'grouping', text: 'Sentry may create a separate entry for the same problem: check similar events and the GitLab.com issue tracker (an existing issue shows as GL-XYZ by the headline).' },
        { id: 'create-issue', text: 'If no issue exists, use "Create GitLab Issue"; clean up the title and describe what the user experienced.' },
      ],
      links: [
        { id: 'sentry-user', title: 'Sentry: exceptions for this user', url: 'https://sentry.gitlap.com/?query=user.username%3A{{requester.external_id}}' },
      ],
    },
    {
      id: 'scheduled-call',
      title: 'Scheduled upgrade or installation call: backup first, collect the facts',
      importance: 550,
      why: 'Upgrades can take a lot of time and you do not want to run a backup during the call; know as much as possible about the instance before you start.',
      handbook: { page: `${P000}; ${P004}`, section: 'Scheduled calls', url: `${KB}#scheduled-calls` },
      checklist: [
        { id: 'backup', text: 'Make sure the customer has a backup before you start the call.' },
        { id: 'install-type', text: 'Type of installation: Source or Omnibus.' },
        { id: 'current-version', text: 'Current GitLab version.' },
        { id: 'target-version', text: "Version they are upgrading to (it isn't always the latest)." },
        { id: 'ci', text: 'Use of GitLab CI (need to upgrade to 8.0 first, then 8.+).' },
        { id: 'record', text: 'Record this information in Zendesk and link it to the organization.' },
      ],
      templates: [
        {
          id: 'prepare',
          title: 'Before we schedule the call',
          body:
            'Hi {{requester.first_name}},\n\nHappy to schedule the call. So that we can use the time well, please:\n\n1. Make a backup of your instance before the call (backups can take a long time).\n2. Tell us the type of installation (Source or Omnibus).\n3. Tell us your current GitLab version.\n4. Tell us the version you want to upgrade to.\n5. Tell us whether you use GitLab CI.\n\n{{agent.name}}',
        },
      ],
    },
    {
      id: 'suggest-a-call',
      title: 'Several back-and-forth replies: suggest a call',
      importance: 400,
      why: 'It is easier to get all the information you might need on a 20 minute call than on 10 2-minute emails.',
      handbook: { page: `${P000}; ${P004}`, section: 'Unscheduled calls', url: `${KB}#unscheduled-calls` },
      checklist: [
        { id: 'suggest', text: "If the problem still isn't close to being resolved, suggest a call (WebEx, Google Hangouts or Zoom)." },
        { id: 'experienced', text: 'If you feel too inexperienced to handle the call, ask someone more experienced and listen in; the ticket stays your responsibility while assigned to you.' },
      ],
      templates: [
        {
          id: 'offer-call',
          title: 'Offer a call',
          body:
            'Hi {{requester.first_name}},\n\nI think we would get to the bottom of this faster on a short call. Would you be available for a 20-minute screen-sharing session? Please let me know a few times that suit you.\n\n{{agent.name}}',
        },
      ],
    },
    {
      id: 'internal-request',
      title: 'Internal request from a GitLab team member',
      importance: 450,
      why: 'Team members reach Support through the internal alias and the internal requests form; customer questions belong in a ticket from the customer.',
      handbook: { page: `${P000}; ${P003}`, section: 'Internal Support / Internal Requests', url: `${INTERNAL}#internal-requests` },
      checklist: [
        { id: 'customers-direct', text: 'If customers or users have questions, advise them to contact Support directly via the relevant channel.' },
        { id: 'larger-scope', text: 'Longer-term or larger-scope questions (e.g. customised training) belong in an issue, not a ticket.' },
        { id: 'lr-form', text: 'Licensing, subscription, trial and grace-period requests go through the Internal Request form; one license or subscription per ticket.' },
        { id: 'no-slack', text: 'We cannot act on customer-specific requests made through Slack.' },
      ],
      links: [{ id: 'ir-form', title: 'GitLab Support Internal Request form', url: 'https://gitlab-com.gitlab.io/support/internal-requests-form/' }],
    },
    {
      id: 'light-agent',
      title: 'Light agent: you cannot reply publicly',
      importance: 950,
      why: 'You cannot send public replies to customers with a Light Agent account; you can view tickets and leave internal notes for the Support team.',
      handbook: { page: `${P003}; ${P002}`, section: "Requesting a ZenDesk 'Light Agent' account", url: `${INTERNAL}#requesting-a-zendesk-light-agent-account` },
      checklist: [
        { id: 'internal-note', text: 'Leave an internal note for the Support team instead of a public reply.' },
        { id: 'full-agent', text: 'If you need to reply publicly, submit an Access Request for a paid full agent account and tag your manager for budget approval.' },
        { id: 'incognito', text: 'Opening a ticket for a customer? Do not use your light agent session: use a private window and enter the customer\'s email address.' },
      ],
      links: [
        {
          id: 'access-request',
          title: 'Access Request for a full agent account',
          url: 'https://gitlab.com/gitlab-com/team-member-epics/access-requests/-/issues/new?issuable_template=Individual_Bulk_Access_Request',
        },
      ],
      checks: [
        {
          id: 'public-reply',
          severity: 'warning',
          message: 'Light agents cannot send public replies: the customer will not receive this. Use an internal note.',
          applies_to: 'public',
          warn_on_any_text: true,
        },
      ],
    },
    {
      id: 'disqus',
      title: 'Disqus: reply on the blog, then solve both tickets',
      importance: 300,
      why: 'There is no way to reply to a blog comment from Zendesk; Disqus and Twitter are answered within 1 business day (SLA category 3).',
      handbook: { page: P000, section: 'Disqus questions on the blog', url: `${SUPPORT_2016}#disqus` },
      checklist: [
        { id: 'needs-reply', text: 'Reply only if it needs one: the comment is not from someone on our team, or it is a question or a problem.' },
        { id: 'reply-blog', text: 'Click the link to the comment and reply directly in the blog post.' },
        { id: 'solve-both', text: 'Come back to Zendesk and mark this ticket solved, plus the ticket created for your reply.' },
      ],
    },
    {
      id: 'twitter',
      title: 'Twitter: reply from Zendesk, as @GitLab',
      importance: 320,
      why: 'Replying from TweetDeck risks duplicate responses, and replying from Zendesk lets us track response times (1 business day, SLA category 3).',
      handbook: { page: P000, section: 'Twitter', url: `${SUPPORT_2016}#twitter` },
      checklist: [
        { id: 'from-zendesk', text: 'Send the response from Zendesk, not TweetDeck.' },
        { id: 'main-handle', text: 'Reply from the main handle (@GitLab) when a tweet mentions @GitLab, @GitLabSupport or @GitLabStatus.' },
        { id: 'no-rt', text: 'Do not retweet or favorite: that is the marketing team\'s decision.' },
        { id: 'short-links', text: 'Open any short links to understand the context: is this about GitLab.com or a self-hosted instance? We can only handle GitLab.com.' },
        { id: 'play-mode', text: 'Use Play mode in the Twitter view (oldest first).' },
        { id: 'no-skip', text: 'Do not skip tickets.' },
        { id: 'assign-self', text: 'Assign the ticket to yourself; ask in the appropriate Slack channel if you do not know the answer.' },
        { id: 'no-cross-assign', text: 'Do not cross-assign tickets.' },
      ],
      links: [{ id: 'guidelines', title: 'Social media guidelines', url: 'https://about.gitlab.com/handbook/marketing/social-media-guidelines/' }],
      checks: [
        {
          id: 'tweet-length',
          severity: 'warning',
          message: 'A tweet holds 280 characters; a longer reply will not post as one tweet.',
          applies_to: 'public',
          max_length: 280,
        },
      ],
    },
    {
      id: 'twitter-status-handle',
      title: '@GitLabStatus is only for availability',
      importance: 330,
      why: 'The @GitLabStatus account should only be used to give updates on the availability of GitLab.com and to follow up on users reporting that GitLab.com is unavailable.',
      handbook: { page: P000, section: 'Twitter', url: `${SUPPORT_2016}#twitter` },
      checklist: [
        { id: 'status-only', text: 'Use @GitLabStatus only for GitLab.com availability; everything else is answered from @GitLab.' },
        { id: 'gitlab-com', text: 'Check whether the report is about GitLab.com or a self-hosted instance.' },
      ],
    },
    {
      id: 'twitter-competitor',
      title: 'Tweet about a competitor: in principle, do not acknowledge',
      importance: 325,
      why: "We receive tweets that mention competitors or negative events related to them; in principle we don't acknowledge these (developer advocacy guidelines).",
      handbook: { page: P000, section: 'Twitter', url: `${SUPPORT_2016}#twitter` },
      checklist: [{ id: 'no-ack', text: 'If the tweet is about a competitor or a negative event related to them, do not acknowledge it.' }],
    },
    {
      id: 'facebook',
      title: 'Facebook page message',
      importance: 310,
      why: 'Messages sent to our Facebook page feed into Zendesk. The page gives no Facebook-specific steps; this product treats it like the other social channels (1 business day, README presets).',
      handbook: { page: P000, section: 'Facebook', url: `${SUPPORT_2016}#facebook` },
      checklist: [{ id: 'reply', text: 'Reply from Zendesk, like the other social channels.' }],
    },
    {
      id: 'forum',
      title: 'Forum: answer on the forum, not here',
      importance: 250,
      why: 'Questions from the GitLab Forum flow into Zendesk but can only be responded to from within the forum. Posted items: within two weeks but not sooner than two days, to give the community a chance to respond.',
      handbook: { page: `${P000}; ${P001}`, section: 'Forum', url: `${SUPPORT_2016}#gitlab-forum` },
      checklist: [
        { id: 'answer-there', text: 'Answer in the forum itself; a reply from Zendesk does not reach it.' },
        { id: 'window', text: 'Not sooner than two days, within two weeks (SLA category 4).' },
      ],
      links: [{ id: 'forum', title: 'GitLab Forum', url: 'https://forum.gitlab.com/' }],
    },
    {
      id: 'stack-overflow',
      title: 'Stack Overflow: answer on Stack Overflow',
      importance: 240,
      why: 'Stack Overflow questions tagged gitlab flow into Zendesk but can only be responded to from within Stack Overflow; within two weeks, not sooner than two days.',
      handbook: { page: P000, section: 'Stack Overflow', url: `${SUPPORT_2016}#stack-overflow` },
      checklist: [
        { id: 'answer-there', text: 'Answer on Stack Overflow itself.' },
        { id: 'window', text: 'Not sooner than two days, within two weeks (SLA category 4).' },
      ],
      links: [{ id: 'so-tag', title: 'Stack Overflow: questions tagged gitlab', url: 'https://stackoverflow.com/questions/tagged/gitlab' }],
    },
    {
      id: 'reddit-quora',
      title: 'Reddit or Quora: respond on the site',
      importance: 230,
      why: 'Respond to mentions of GitLab on Reddit (especially r/gitlab) and to questions about GitLab on Quora (especially the GitLab topic).',
      handbook: { page: P000, section: 'Reddit / Quora', url: `${SUPPORT_2016}#reddit` },
      checklist: [
        { id: 'answer-there', text: 'Respond on Reddit or Quora itself.' },
        { id: 'window', text: 'Not sooner than two days, within two weeks (SLA category 4).' },
      ],
      links: [
        { id: 'reddit', title: 'r/gitlab', url: 'https://www.reddit.com/r/gitlab/' },
        { id: 'quora', title: 'Quora: GitLab topic', url: 'https://www.quora.com/topic/GitLab/' },
      ],
    },
    {
      id: 'support-tracker',
      title: 'GitLab.com Support Tracker issue',
      importance: 220,
      why: 'The Support Tracker is for GitLab.com issues that have nothing to do with availability; check it periodically and report back when an issue is solved.',
      handbook: { page: P000, section: 'GitLab.com Support Tracker', url: `${SUPPORT_2016}#supp-forum` },
      checklist: [
        { id: 'assign', text: 'Assign the issue to yourself, so you can keep track and others can see at a glance what is unassigned.' },
        { id: 'report-back', text: 'Report back on the issue when it has been solved.' },
        { id: 'on-prem', text: 'On-premises problems: refer them to the CE issue tracker or the Getting Help page.' },
      ],
      links: [
        { id: 'tracker', title: 'Support Tracker', url: 'https://gitlab.com/gitlab-com/support-forum/issues' },
        { id: 'getting-help', title: 'Getting Help', url: 'https://about.gitlab.com/getting-help/' },
      ],
    },
    {
      id: 'product-issue-tracker',
      title: 'Issue on a GitLab product tracker',
      importance: 210,
      why: 'Some customers create issues on the product trackers instead of emailing us; respond to bug reports and feature requests, within two weeks but not sooner than two days.',
      handbook: { page: `${P000}; ${P001}`, section: 'GitLab CE/EE/Omnibus issue trackers', url: `${SUPPORT_2016}#product-issue-tracker` },
      checklist: [
        { id: 'respond', text: 'Respond on the issue itself (bug report or feature request).' },
        { id: 'priority', text: 'Follow the priority listed under GitLab Workflow in the handbook.' },
        { id: 'right-tracker', text: 'Confirmed bugs go to the main GitLab project tracker; Runner, Charts, Omnibus and Docs have their own.' },
      ],
      links: [{ id: 'gitlab-issues', title: 'GitLab project issues', url: 'https://gitlab.com/gitlab-org/gitlab/issues' }],
    },
    {
      id: 'code-of-conduct',
      title: 'Threatening or hostile user: confidential issue',
      importance: 850,
      why: 'We expect customers to treat service engineers with the same respect the Code of Conduct asks of us; action (e.g. a forum ban) is decided case by case.',
      handbook: { page: P000, section: 'Code of Conduct', url: `${SUPPORT_2016}#coc` },
      checklist: [
        { id: 'issue', text: 'Create a confidential issue in the GitLab Support Issue Tracker.' },
        { id: 'history', text: "Include a history of the user's communication." },
        { id: 'links', text: 'Include relevant links.' },
        { id: 'summary', text: 'Include a summary of the high-level issues.' },
        { id: 'people', text: 'Include the Support Lead, VP of Engineering and Director of PeopleOps in the issue.' },
      ],
      links: [{ id: 'support-issues', title: 'Support Issue Tracker (new confidential issue)', url: 'https://gitlab.com/gitlab-com/support/issues/new' }],
    },
    {
      id: 'dormant-username',
      title: 'Dormant username request: all four criteria',
      importance: 350,
      why: 'A username can be released only if all four criteria are met; the account is then prefixed with "idle" to keep it active but release the namespace.',
      handbook: { page: `${P000}; ${P003}`, section: 'Dormant Usernames', url: `${SUPPORT_2016}#dormantusers` },
      checklist: [
        { id: 'no-data', text: 'The account in question has no data.' },
        { id: 'no-activity', text: 'No activity (code, issues, MRs) for six months, on projects it owns or participates in.' },
        { id: 'four-attempts', text: 'Support has had four failed attempts to contact the user within a two-week period.' },
        { id: 'not-owner', text: 'The user is not an owner of any active project.' },
        { id: 'idle-prefix', text: 'Then prefix the username with "idle".' },
      ],
      templates: [
        {
          id: 'contact-holder',
          title: 'Contact attempt to the account holder',
          body:
            'Hello,\n\nWe have received a request to release the username of your GitLab.com account. If you would like to keep your account, please reply to this email or sign in within the next two weeks.\n\nGitLab Support',
        },
      ],
      links: [
        {
          id: 'name-squatting',
          title: 'Name Squatting Request (internal)',
          url: 'https://gitlab.com/gitlab-com/support/internal-requests/-/issues/new?issuable_template=Name%20Squatting%20Request',
        },
      ],
    },
    {
      id: 'spam',
      title: 'Spam on GitLab.com: flag the issues, then report the user',
      importance: 200,
      why: "Flagging spam trains GitLab.com's Akismet filter; deleting a user is irreversible.",
      handbook: { page: P004, section: 'Spam', url: `${KB}#spam` },
      checklist: [
        { id: 'flag', text: 'Before deleting the account, view each of the spammer\'s issues (admin account) and click "Submit as spam".' },
        { id: 'report', text: 'On the spammer\'s profile, click "Report Abuse"; handle it in admin abuse reports.' },
        { id: 'careful', text: 'Click "Delete user" only if you are sure this user is a spammer.' },
      ],
      links: [{ id: 'abuse', title: 'Admin: abuse reports', url: 'https://gitlab.com/admin/abuse_reports' }],
    },
    {
      id: 'ham',
      title: 'Flagged as spam by mistake: submit as ham',
      importance: 205,
      why: 'The Akismet filter can flag false positives and prevent a user from creating issues; nobody is notified, so complaints are how we find them.',
      handbook: { page: P004, section: 'False positives: Ham', url: `${KB}#false-positives-ham` },
      checklist: [
        { id: 'logs', text: 'Open the admin spam logs (admin account).' },
        { id: 'scan', text: 'Scan the logs; where a user was trying to post valid information, click "Submit as ham".' },
      ],
      links: [{ id: 'spam-logs', title: 'Admin: spam logs', url: 'https://gitlab.com/admin/spam_logs' }],
    },
    {
      id: 'free-plan-forum',
      title: 'Free plan: point to the GitLab forum',
      importance: 260,
      why: "For customers on free plans (.com Free and self-managed Core) there is the GitLab forum; the Developer Relations team answers there on a best-effort basis with the wider community.",
      handbook: { page: P001, section: 'Support for customers on free plans', url: `${CHANNELS}#support-for-customers-on-free-plans` },
      checklist: [{ id: 'forum', text: 'Point the user to forum.gitlab.com.' }],
      templates: [
        {
          id: 'to-forum',
          title: 'Point to the forum',
          body:
            'Hi {{requester.first_name}},\n\nThanks for reaching out. Support for the Free plan is provided through the GitLab community forum at https://forum.gitlab.com, where the community and our Developer Relations team answer questions. Please post your question there.\n\n{{agent.name}}',
        },
      ],
      links: [{ id: 'forum', title: 'GitLab Forum', url: 'https://forum.gitlab.com/' }],
    },
  ],
};

function build(): Playbook {
  const r = validatePlaybook(DEFAULT_PLAYBOOK_INPUT);
  if (!r.ok) throw new Error(`The default playbook is invalid: ${r.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return r.playbook;
}

/** Validated at load: a test pins that it parses, so this throw is a build error, not a runtime one. */
export const DEFAULT_PLAYBOOK: Playbook = build();

/** The same playbook as plain data (what "export" writes before any team edits). */
export function defaultPlaybookData(): PlaybookInput {
  return structuredClone(DEFAULT_PLAYBOOK_INPUT);
}
