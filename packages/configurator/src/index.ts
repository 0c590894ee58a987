export {
  FsConfigurator,
  type FsConfigurationChangeDetail,
  type FsSnippetCopyDetail,
  type ReleaseInfo,
  type SnippetVariant,
} from './configurator/configurator.js';
export { elementMarkup, embedUrl, hostPolicies, iframeSnippet, scriptSnippet, type SnippetInput } from './configurator/embed-snippets.js';
export { attributesOf, fromQuery, toQuery, type Configuration } from './configurator/configuration.js';
export { configuratorFr, type AttributeText, type ConfiguratorStrings, type WidgetText } from './strings/configurator.strings.fr.js';
