<?php
/**
 * Plugin Name:       France services — widgets
 * Description:       The France services widgets (finder, site card, banner, satisfaction survey…) as blocks and as a shortcode, served by the widgets’ server of your choice. An independent project, not an official service of the State.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * Author:            France services widgets contributors
 * License:           MIT
 * License URI:       https://opensource.org/licenses/MIT
 * Text Domain:       france-services-widgets
 * Domain Path:       /languages
 *
 * @package France_Services_Widgets
 */

defined( 'ABSPATH' ) || exit;

/**
 * The plugin's version (the assets' cache key).
 */
const FSW_VERSION = '0.1.0';

/**
 * This file, for plugins_url().
 */
const FSW_FILE = __FILE__;

define( 'FSW_DIR', plugin_dir_path( __FILE__ ) );

require_once FSW_DIR . 'includes/catalog.php';
require_once FSW_DIR . 'includes/attribute-check.php';
require_once FSW_DIR . 'includes/settings.php';
require_once FSW_DIR . 'includes/server.php';
require_once FSW_DIR . 'includes/render.php';
require_once FSW_DIR . 'includes/shortcode.php';
require_once FSW_DIR . 'includes/blocks.php';
require_once FSW_DIR . 'includes/settings-page.php';

/**
 * Loads the translations, made at build time from languages/*.po into generated/languages/.
 */
function fsw_load_textdomain() {
	load_plugin_textdomain( 'france-services-widgets', false, dirname( plugin_basename( FSW_FILE ) ) . '/generated/languages' );
}

add_action( 'init', 'fsw_load_textdomain', 0 );
add_action( 'init', 'fsw_register_blocks' );
add_action( 'init', 'fsw_register_shortcode' );
add_action( 'enqueue_block_editor_assets', 'fsw_editor_data' );
add_filter( 'script_loader_tag', 'fsw_loader_tag', 10, 3 );
add_action( 'admin_init', 'fsw_register_settings' );
add_action( 'admin_init', 'fsw_add_settings_fields' );
add_action( 'admin_menu', 'fsw_add_settings_page' );
add_action( 'admin_notices', 'fsw_admin_notices' );
add_filter( 'plugin_action_links_' . plugin_basename( FSW_FILE ), 'fsw_plugin_action_links' );

/**
 * On activation, keeps the default settings as the site's own: the server of the zip installed
 * (`generated/default-server.txt`) stays the site's server when a later update comes from
 * another widgets' server. (WordPress would not store the option on a first save that changes
 * nothing, and the default would then follow each new zip.)
 */
function fsw_activate() {
	if ( null === get_option( FSW_OPTION, null ) ) {
		add_option( FSW_OPTION, fsw_default_settings() );
	}
}

register_activation_hook( FSW_FILE, 'fsw_activate' );

/**
 * Registers the shortcode.
 */
function fsw_register_shortcode() {
	add_shortcode( FSW_SHORTCODE, 'fsw_shortcode' );
}
