<?php
/**
 * The shortcode `[france_services widget="site-locator" commune="48095"]`, for the classic editor
 * and page builders: the same widgets and attributes as the blocks, checked the same way.
 *
 * @package France_Services_Widgets
 */

defined( 'ABSPATH' ) || exit;

/**
 * The shortcode's name.
 */
const FSW_SHORTCODE = 'france_services';

/**
 * Renders the shortcode.
 *
 * `widget` names the widget by its slug (`site-locator`) or its tag (`fs-site-locator`); the
 * other attributes are the widget's (WordPress lowercases their names; `site_id` is read as
 * `site-id`; a boolean may be written alone: `no-url-state`). `commune` on a widget that shows
 * one site but has no `commune` of its own picks that commune's nearest site. A mistake (no
 * widget, an unknown widget or attribute, a value refused) shows editors what is wrong, in place,
 * and shows visitors nothing.
 *
 * @param array|string $atts The shortcode's attributes ('' when there are none).
 * @return string
 */
function fsw_shortcode( $atts ) {
	$atts    = is_array( $atts ) ? $atts : array();
	$given   = array();
	$widget  = null;
	$example = '[france_services widget="site-locator" commune="48095"]';
	foreach ( $atts as $key => $value ) {
		if ( is_int( $key ) ) {
			// A name without a value: a boolean attribute that is set.
			$given[ str_replace( '_', '-', strtolower( trim( (string) $value ) ) ) ] = '';
		} else {
			$given[ str_replace( '_', '-', (string) $key ) ] = (string) $value;
		}
	}

	if ( ! isset( $given['widget'] ) || '' === trim( $given['widget'] ) ) {
		return fsw_editor_notice(
			sprintf(
				/* translators: 1: an example of the shortcode; 2: the widgets' names, separated by commas. */
				__( 'France services: say which widget to show, e.g. %1$s. Widgets: %2$s.', 'france-services-widgets' ),
				$example,
				fsw_widget_slugs()
			)
		);
	}
	$widget = fsw_find_widget( $given['widget'] );
	if ( null === $widget ) {
		return fsw_editor_notice(
			sprintf(
				/* translators: 1: the widget named in the shortcode; 2: the widgets' names, separated by commas. */
				__( 'France services: there is no widget “%1$s”. Widgets: %2$s.', 'france-services-widgets' ),
				$given['widget'],
				fsw_widget_slugs()
			)
		);
	}
	unset( $given['widget'] );

	$values  = array();
	$commune = '';
	foreach ( $given as $name => $raw ) {
		$attribute = fsw_widget_attribute( $widget, $name );
		if ( null === $attribute && 'commune' === $name && fsw_declares( $widget, 'site-id' ) ) {
			// A commune for a widget that shows one site: its nearest site.
			$commune = fsw_insee( $raw );
			if ( null === $commune ) {
				return fsw_editor_notice( fsw_commune_refused( $widget, $raw ) );
			}
			continue;
		}
		if ( null === $attribute ) {
			return fsw_editor_notice(
				sprintf(
					/* translators: 1: the attribute given; 2: the widget's title; 3: its attributes' names, separated by commas. */
					__( 'France services: the attribute “%1$s” does not exist for the widget “%2$s”. Possible attributes: %3$s.', 'france-services-widgets' ),
					$name,
					fsw_widget_title( $widget ),
					fsw_shortcode_attribute_names( $widget )
				)
			);
		}
		$check = fsw_checked_attribute( $widget, $attribute, $raw );
		if ( ! $check['ok'] ) {
			return $check['notice'];
		}
		$values[ $name ] = $check['value'];
	}
	return fsw_widget_markup( $widget, $values, $commune );
}

/**
 * The message for a `commune` that is no INSEE code.
 *
 * @param array  $widget A widget of the catalog.
 * @param string $raw    The value given.
 * @return string
 */
function fsw_commune_refused( $widget, $raw ) {
	return sprintf(
		/* translators: 1: the value given; 2: the widget's title. */
		__( 'France services: the commune “%1$s” of the widget “%2$s” must be given by its INSEE code (5 characters, e.g. 48095 for Mende), not by its name or postcode.', 'france-services-widgets' ),
		$raw,
		fsw_widget_title( $widget )
	);
}

/**
 * The widgets' names for the shortcode, separated by commas.
 *
 * @return string
 */
function fsw_widget_slugs() {
	return implode( ', ', wp_list_pluck( fsw_catalog()['widgets'], 'slug' ) );
}

/**
 * A widget's attributes for the shortcode, separated by commas (with `commune` for a widget that
 * shows one site: its nearest site).
 *
 * @param array $widget A widget of the catalog.
 * @return string
 */
function fsw_shortcode_attribute_names( $widget ) {
	$names = wp_list_pluck( $widget['attributes'], 'name' );
	if ( ! in_array( 'commune', $names, true ) && in_array( 'site-id', $names, true ) ) {
		array_unshift( $names, 'commune' );
	}
	return implode( ', ', $names );
}
