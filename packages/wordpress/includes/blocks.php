<?php
/**
 * The blocks: one per widget, each from its `generated/blocks/<slug>/block.json` (written at
 * build time, never by hand), dynamic (rendered by PHP on the page), edited with
 * `assets/editor.js`.
 *
 * @package France_Services_Widgets
 */

defined( 'ABSPATH' ) || exit;

/**
 * The block editor script's handle (the blocks' `editorScript`).
 */
const FSW_EDITOR_HANDLE = 'fsw-editor';

/**
 * Registers the editor script, then every block of the catalog with its render callback.
 */
function fsw_register_blocks() {
	if ( ! function_exists( 'register_block_type' ) ) {
		return;
	}
	wp_register_script(
		FSW_EDITOR_HANDLE,
		plugins_url( 'assets/editor.js', FSW_FILE ),
		array( 'wp-blocks', 'wp-element', 'wp-block-editor', 'wp-components', 'wp-i18n', 'wp-a11y' ),
		FSW_VERSION,
		true
	);
	wp_set_script_translations( FSW_EDITOR_HANDLE, 'france-services-widgets', FSW_DIR . 'generated/languages' );

	foreach ( fsw_catalog()['widgets'] as $widget ) {
		$dir = FSW_DIR . 'generated/blocks/' . $widget['slug'];
		if ( ! preg_match( '/^[a-z0-9-]+$/', $widget['slug'] ) || ! is_readable( $dir . '/block.json' ) ) {
			continue;
		}
		register_block_type( $dir, array( 'render_callback' => 'fsw_render_block' ) );
	}
}

/**
 * What the editor script needs, before it: `window.fswEditor`, with the catalog, the server, its
 * loader (to preview the widgets, and for the commune search of the inspector), the language of
 * the catalog's texts and the default commune.
 */
function fsw_editor_data() {
	if ( ! wp_script_is( FSW_EDITOR_HANDLE, 'registered' ) ) {
		return;
	}
	$catalog  = fsw_catalog();
	$settings = fsw_settings();
	$server   = fsw_server();
	$data     = array(
		'catalog'        => array(
			'version'        => $catalog['version'],
			'valueMaxLength' => $catalog['valueMaxLength'],
			'widgets'        => $catalog['widgets'],
		),
		'server'         => $server,
		'loader'         => '' !== $server ? fsw_loader( $server ) : null,
		'locale'         => fsw_user_language(),
		'lang'           => $settings['lang'],
		// The site's language (what `lang` the public pages get), for a preview when the settings say `auto`.
		'siteLanguage'   => strtolower( substr( get_bloginfo( 'language' ), 0, 2 ) ),
		'defaultCommune' => '' !== $settings['commune'] ? array(
			'insee' => $settings['commune'],
			'label' => $settings['commune_label'],
		) : null,
		'settingsUrl'    => current_user_can( 'manage_options' ) ? admin_url( 'options-general.php?page=' . FSW_SETTINGS_PAGE ) : '',
	);
	wp_add_inline_script( FSW_EDITOR_HANDLE, 'window.fswEditor = ' . wp_json_encode( $data ) . ';', 'before' );
}

/**
 * Renders a block on the page: its element, from the block's attributes, each checked as a
 * shortcode's (a block whose markup was edited by hand may hold anything); `placeLabel` is the
 * inspector's and not written. A value equal to the widget's default is left out: the element
 * does the same without it.
 *
 * @param array         $attributes The block's attributes.
 * @param string        $content    The block's inner content (none: the block is dynamic).
 * @param WP_Block|null $block      The block.
 * @return string
 */
function fsw_render_block( $attributes, $content = '', $block = null ) {
	$widget = ( $block instanceof WP_Block ) ? fsw_find_widget( $block->name ) : null;
	if ( null === $widget ) {
		return '';
	}
	$attributes = is_array( $attributes ) ? $attributes : array();
	$values     = array();
	foreach ( $widget['attributes'] as $attribute ) {
		$name = $attribute['name'];
		if ( ! array_key_exists( $name, $attributes ) || null === $attributes[ $name ] ) {
			continue;
		}
		$raw = $attributes[ $name ];
		if ( 'boolean' === $attribute['kind'] ) {
			$raw = ( true === $raw || 'true' === $raw ) ? 'true' : 'false';
		} elseif ( ! is_scalar( $raw ) || is_bool( $raw ) ) {
			$raw = '';
		}
		$raw = (string) $raw;
		if ( 'boolean' !== $attribute['kind'] && trim( $raw ) === (string) $attribute['default'] ) {
			continue;
		}
		$check = fsw_checked_attribute( $widget, $attribute, $raw );
		if ( ! $check['ok'] ) {
			return $check['notice'];
		}
		$values[ $name ] = $check['value'];
	}
	$markup = fsw_widget_markup( $widget, $values );
	if ( '' === $markup || 0 === strpos( $markup, '<div class="fsw-notice"' ) ) {
		return $markup;
	}
	return '<div ' . get_block_wrapper_attributes() . '>' . $markup . '</div>';
}
