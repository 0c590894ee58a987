<?php
/**
 * What a page gets for a widget (a block or a shortcode): the custom element with its checked,
 * escaped attributes, completed with the settings (default commune, language) and the nearest
 * site of a commune; the widgets' loader, enqueued only on the pages that show a widget; and the
 * notices that only editors see when a widget cannot be shown.
 *
 * @package France_Services_Widgets
 */

defined( 'ABSPATH' ) || exit;

/**
 * The script handle of the widgets' loader (`fs-widgets.js`, from the widgets' server).
 */
const FSW_LOADER_HANDLE = 'fsw-widgets';

/**
 * The markup of a widget's element.
 *
 * The place is completed as the configurator does it: a widget that declares `commune` and has
 * none gets the settings' default commune; a widget that shows one site (`site-id`) and has none
 * gets the nearest site of the commune given (a shortcode's `commune` on a widget without a
 * `commune` attribute), else of its own `commune`, else of the default commune, unless the
 * widget finds the nearest site by itself (`nearestFromCommune`: the banner, the badge).
 *
 * @param array  $widget  A widget of the catalog.
 * @param array  $values  Checked values by attribute name (see fsw_check_attribute_value()):
 *                        '' for a boolean attribute that is set; absent or null: left out.
 * @param string $commune INSEE code of a commune to find the nearest site of, or ''.
 * @return string The element, or an editor's notice, or '' for a visitor when it cannot be shown.
 */
function fsw_widget_markup( $widget, $values, $commune = '' ) {
	$server = fsw_server();
	if ( '' === $server ) {
		return fsw_editor_notice(
			current_user_can( 'manage_options' )
				? __( 'France services: no widgets’ server is set, so the widget is not shown. Choose the server in Settings → France services.', 'france-services-widgets' )
				: __( 'France services: no widgets’ server is set, so the widget is not shown. Ask an administrator to choose it in Settings → France services.', 'france-services-widgets' ),
			true
		);
	}
	$settings = fsw_settings();
	$values   = array_filter(
		$values,
		function ( $value ) {
			return null !== $value;
		}
	);

	if ( fsw_declares( $widget, 'commune' ) && ! isset( $values['commune'] ) && '' !== $settings['commune'] ) {
		$values['commune'] = $settings['commune'];
	}
	if ( fsw_declares( $widget, 'site-id' ) && ! isset( $values['site-id'] ) && empty( $widget['nearestFromCommune'] ) ) {
		if ( '' === $commune ) {
			$commune = isset( $values['commune'] ) ? (string) fsw_insee( $values['commune'] ) : $settings['commune'];
		}
		if ( '' !== $commune ) {
			$site = fsw_nearest_site( $server, $commune );
			if ( is_wp_error( $site ) ) {
				return fsw_editor_notice(
					sprintf(
						/* translators: 1: the widget's title; 2: INSEE code of a commune ("48095"); 3: why ("HTTP 404", "the server found no France services for this commune"). */
						__( 'France services: the widget “%1$s” is not shown: the nearest France services of the commune %2$s could not be found (%3$s).', 'france-services-widgets' ),
						fsw_widget_title( $widget ),
						$commune,
						$site->get_error_message()
					)
				);
			}
			$values['site-id'] = $site['id'];
		}
	}
	if ( fsw_declares( $widget, 'lang' ) && ! isset( $values['lang'] ) && 'auto' !== $settings['lang'] ) {
		$values['lang'] = $settings['lang'];
	}

	fsw_enqueue_loader( $server );
	return fsw_element( $widget, $values );
}

/**
 * The element itself: `<fs-site-locator commune="48095" no-url-state></fs-site-locator>`, only
 * the attributes the catalog declares for it, in its order, every value escaped.
 *
 * @param array $widget A widget of the catalog.
 * @param array $values Values by attribute name ('' for a boolean that is set).
 * @return string
 */
function fsw_element( $widget, $values ) {
	$tag = (string) $widget['tag'];
	if ( ! preg_match( '/^fs-[a-z0-9]+(-[a-z0-9]+)*$/', $tag ) ) {
		return '';
	}
	$html = '<' . $tag;
	foreach ( $widget['attributes'] as $attribute ) {
		$name = (string) $attribute['name'];
		if ( ! isset( $values[ $name ] ) || ! preg_match( '/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/', $name ) ) {
			continue;
		}
		$html .= ' ' . $name;
		if ( 'boolean' !== $attribute['kind'] ) {
			$html .= '="' . esc_attr( $values[ $name ] ) . '"';
		}
	}
	return $html . '></' . $tag . '>';
}

/**
 * A message in place of a widget, for the people who can fix it (`edit_posts`): nothing for
 * visitors, who cannot.
 *
 * @param string $message       The message, plain text.
 * @param bool   $settings_link Whether to add a link to the settings (for those who may change them).
 * @return string
 */
function fsw_editor_notice( $message, $settings_link = false ) {
	if ( ! current_user_can( 'edit_posts' ) ) {
		return '';
	}
	wp_enqueue_style( 'fsw-notice', plugins_url( 'assets/notice.css', FSW_FILE ), array(), FSW_VERSION );
	$link = '';
	if ( $settings_link && current_user_can( 'manage_options' ) ) {
		$link = ' <a href="' . esc_url( admin_url( 'options-general.php?page=' . FSW_SETTINGS_PAGE ) ) . '">' . esc_html__( 'Open the settings', 'france-services-widgets' ) . '</a>';
	}
	return '<div class="fsw-notice" role="note">' . esc_html( $message ) . $link . '</div>';
}

/**
 * Enqueues the widgets' loader for this page (in the footer: the elements are already in the
 * page when it runs, and it watches for later ones).
 *
 * @param string $server The widgets' server.
 */
function fsw_enqueue_loader( $server ) {
	if ( ! wp_script_is( FSW_LOADER_HANDLE, 'registered' ) ) {
		// No version query string: the pinned file's address is the version, and its integrity is the file's.
		wp_register_script( FSW_LOADER_HANDLE, fsw_loader( $server )['url'], array(), null, true ); // phpcs:ignore WordPress.WP.EnqueuedResourceParameters.MissingVersion
	}
	wp_enqueue_script( FSW_LOADER_HANDLE );
}

/**
 * Writes the loader's tag as a module, with its integrity when the server gives one:
 * `<script type="module" src="…/widgets/v0.1.0/fs-widgets.js" integrity="sha384-…" crossorigin="anonymous">`.
 *
 * A module runs deferred, in its own scope: the widgets bring their own Lit, and a theme that
 * loads another Lit (or another copy of the widgets: they are defined once) is not disturbed.
 *
 * @param string $tag    The tag WordPress wrote.
 * @param string $handle The script's handle.
 * @param string $src    The script's address.
 * @return string
 */
function fsw_loader_tag( $tag, $handle, $src ) {
	if ( FSW_LOADER_HANDLE !== $handle ) {
		return $tag;
	}
	$server    = fsw_server();
	$loader    = '' !== $server ? fsw_loader( $server ) : null;
	$integrity = ( null !== $loader && '' !== $loader['integrity'] && $loader['url'] === $src ) ? ' integrity="' . esc_attr( $loader['integrity'] ) . '"' : '';
	// phpcs:ignore WordPress.WP.EnqueuedResources.NonEnqueuedScript -- this is the tag of the enqueued script.
	return '<script type="module" src="' . esc_url( $src ) . '" id="' . esc_attr( FSW_LOADER_HANDLE ) . '-js"' . $integrity . ' crossorigin="anonymous"></script>' . "\n";
}
