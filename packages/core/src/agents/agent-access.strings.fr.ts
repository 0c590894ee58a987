/**
 * The sign-in every agents' tool shares (`AgentTokenController`, `agentTokenForm`), French: one
 * token per site, pasted once for all the tools. What differs from one tool to the next (the
 * sentence saying what the token is for, a title or a refusal worded for that tool) stays in its
 * own part. A part of the core's strings table of its own (`agent-access`), registered by the
 * agents' tools only: the public widgets never download these words.
 */
export const agentAccessFr = {
  agentAccess: {
    title: 'Jeton d’accès de l’agent',
    label: 'Jeton d’accès',
    hint: 'Il commence par fsw_.',
    invalid: 'Ce jeton n’a pas la bonne forme : il commence par fsw_, suivi de chiffres et de lettres.',
    save: 'Enregistrer',
    changeToken: 'Changer de jeton',
    unauthorizedTitle: 'Jeton refusé',
    unauthorizedBody: 'Le serveur refuse ce jeton : il est invalide, a expiré ou a été révoqué. Demandez-en un nouveau à votre référent.',
    forbiddenTitle: 'Jeton d’une autre France services',
    forbiddenBody: (site: string) =>
      `Ce jeton est celui d’une autre France services : il ne permet pas de modifier la France services n° ${site}. Collez le jeton de cette France services.`,
    /** Under the token screen of an editor whose form was open: the agent loses nothing by changing the token. */
    draftKept: 'Votre saisie en cours est conservée : vous la retrouverez après avoir changé de jeton.',
  },
};

export type AgentAccessPart = typeof agentAccessFr;
