import type { AgentAccessPart } from './agent-access.strings.fr.js';

export const agentAccessEn: AgentAccessPart = {
  agentAccess: {
    title: 'Agent access token',
    label: 'Access token',
    hint: 'It starts with fsw_.',
    invalid: 'This token does not have the right form: it starts with fsw_, followed by digits and letters.',
    save: 'Save',
    changeToken: 'Change token',
    unauthorizedTitle: 'Token refused',
    unauthorizedBody: 'The server refuses this token: it is invalid, has expired or was revoked. Ask your coordinator for a new one.',
    forbiddenTitle: 'Token of another France services',
    forbiddenBody: (site) =>
      `This token belongs to another France services: it cannot edit France services no. ${site}. Paste the token of this France services.`,
    draftKept: 'What you were typing is kept: you will find it again after changing the token.',
  },
};
