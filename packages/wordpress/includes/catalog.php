<?php
/**
 * The widget catalog: `generated/widgets.json`, written at build time from the widget registry
 * and the custom elements manifest (scripts/build/wordpress.ts). Never edited by hand: every
 * widget, attribute, label and help text the plugin knows comes from it.
 *
 * @package France_Services_Widgets
 */

defined( 'ABSPATH' ) || exit;

/**
 * The catalog, read once per request.
 *
 * An absent or unreadable catalog (the plugin copied from its sources without the build) gives
 * no widgets; the administrators see a notice saying so (see fsw_admin_notices()).
 *
 * @return array{version: string, valueMaxLength: int, defaultServer: string, widgets: array<int, array>, loaded: bool}
 */
function fsw_catalog() {
	static $catalog = null;
	if ( null !== $catalog ) {
		return $catalog;
	}
	$catalog = array(
		'version'        => '',
		'valueMaxLength' => 200,
		'defaultServer'  => '',
		'widgets'        => array(),
		'loaded'         => false,
	);

	$file = FSW_DIR . 'generated/widgets.json';
	if ( ! is_readable( $file ) ) {
		return $catalog;
	}
	$data = wp_json_file_decode( $file, array( 'associative' => true ) );
	if ( ! is_array( $data ) || ! isset( $data['widgets'] ) || ! is_array( $data['widgets'] ) ) {
		return $catalog;
	}
	$widgets = array();
	foreach ( $data['widgets'] as $widget ) {
		if ( is_array( $widget ) && isset( $widget['tag'], $widget['slug'], $widget['block'] ) && isset( $widget['attributes'] ) && is_array( $widget['attributes'] ) ) {
			$widgets[] = $widget;
		}
	}
	$catalog['version']        = isset( $data['version'] ) ? (string) $data['version'] : '';
	$catalog['valueMaxLength'] = isset( $data['valueMaxLength'] ) ? max( 1, (int) $data['valueMaxLength'] ) : 200;
	$catalog['defaultServer']  = isset( $data['defaultServer'] ) ? (string) $data['defaultServer'] : '';
	$catalog['widgets']        = $widgets;
	$catalog['loaded']         = true;
	return $catalog;
}

/**
 * A widget of the catalog by its slug (`site-locator`), its tag (`fs-site-locator`) or its block
 * name (`france-services/site-locator`), in any case; null when there is none.
 *
 * @param string $name Slug, tag or block name.
 * @return array|null The widget.
 */
function fsw_find_widget( $name ) {
	$name = strtolower( trim( (string) $name ) );
	if ( '' === $name ) {
		return null;
	}
	foreach ( fsw_catalog()['widgets'] as $widget ) {
		if ( $widget['slug'] === $name || $widget['tag'] === $name || $widget['block'] === $name ) {
			return $widget;
		}
	}
	return null;
}

/**
 * One attribute of a widget by its exact name, or null.
 *
 * @param array  $widget A widget of the catalog.
 * @param string $name   Attribute name, e.g. `site-id`.
 * @return array|null The attribute.
 */
function fsw_widget_attribute( $widget, $name ) {
	foreach ( $widget['attributes'] as $attribute ) {
		if ( $attribute['name'] === $name ) {
			return $attribute;
		}
	}
	return null;
}

/**
 * Whether a widget declares an attribute.
 *
 * @param array  $widget A widget of the catalog.
 * @param string $name   Attribute name.
 * @return bool
 */
function fsw_declares( $widget, $name ) {
	return null !== fsw_widget_attribute( $widget, $name );
}

/**
 * The language of the catalog's texts for the person looking: French for a French user locale
 * (`fr_FR`, `fr_BE`…), English otherwise.
 *
 * @return string `fr` or `en`.
 */
function fsw_user_language() {
	return 0 === strpos( get_user_locale(), 'fr' ) ? 'fr' : 'en';
}

/**
 * A text of the catalog (`{"fr": "…", "en": "…"}`) in the user's language, else French.
 *
 * @param mixed $texts The catalog's texts by language.
 * @return string The text, empty when there is none.
 */
function fsw_catalog_text( $texts ) {
	if ( ! is_array( $texts ) ) {
		return is_string( $texts ) ? $texts : '';
	}
	$language = fsw_user_language();
	if ( isset( $texts[ $language ] ) && '' !== $texts[ $language ] ) {
		return (string) $texts[ $language ];
	}
	return isset( $texts['fr'] ) ? (string) $texts['fr'] : '';
}

/**
 * The widget's title (« Trouver une France services ») in the user's language.
 *
 * @param array $widget A widget of the catalog.
 * @return string
 */
function fsw_widget_title( $widget ) {
	$title = isset( $widget['title'] ) ? fsw_catalog_text( $widget['title'] ) : '';
	return '' !== $title ? $title : $widget['slug'];
}
