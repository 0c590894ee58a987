<?php
/**
 * The settings page, « Réglages → France services » (Settings → France services): the widgets'
 * server (checked live in the browser by assets/settings.js, and by PHP when saved), the
 * widgets' language and the default commune (chosen with the widgets' own commune search); and
 * the administration notices (no server set, plugin not built).
 *
 * @package France_Services_Widgets
 */

defined( 'ABSPATH' ) || exit;

/**
 * Adds the page under Settings, for those who may manage options.
 */
function fsw_add_settings_page() {
	$hook = add_options_page(
		__( 'France services widgets', 'france-services-widgets' ),
		__( 'France services', 'france-services-widgets' ),
		'manage_options',
		FSW_SETTINGS_PAGE,
		'fsw_render_settings_page'
	);
	if ( $hook ) {
		add_action( 'admin_enqueue_scripts', 'fsw_enqueue_settings_assets' );
	}
}

/**
 * Declares the page's sections and fields (Settings API).
 */
function fsw_add_settings_fields() {
	add_settings_section(
		'fsw-server-section',
		__( 'Widgets’ server', 'france-services-widgets' ),
		'fsw_render_server_section',
		FSW_SETTINGS_PAGE
	);
	add_settings_field(
		'fsw-server',
		__( 'Server address', 'france-services-widgets' ),
		'fsw_render_server_field',
		FSW_SETTINGS_PAGE,
		'fsw-server-section',
		array( 'label_for' => 'fsw-server' )
	);
	add_settings_section(
		'fsw-widgets-section',
		__( 'Widgets', 'france-services-widgets' ),
		'__return_false',
		FSW_SETTINGS_PAGE
	);
	add_settings_field(
		'fsw-lang',
		__( 'Language', 'france-services-widgets' ),
		'fsw_render_lang_field',
		FSW_SETTINGS_PAGE,
		'fsw-widgets-section',
		array( 'label_for' => 'fsw-lang' )
	);
	add_settings_field(
		'fsw-commune',
		__( 'Default commune', 'france-services-widgets' ),
		'fsw_render_commune_field',
		FSW_SETTINGS_PAGE,
		'fsw-widgets-section'
	);
}

/**
 * The page's script and style, on this page only, with the widgets' loader (for the commune
 * search) when a server is saved.
 *
 * @param string $hook_suffix The admin page's hook.
 */
function fsw_enqueue_settings_assets( $hook_suffix ) {
	if ( 'settings_page_' . FSW_SETTINGS_PAGE !== $hook_suffix ) {
		return;
	}
	wp_enqueue_style( 'fsw-settings', plugins_url( 'assets/settings.css', FSW_FILE ), array(), FSW_VERSION );
	wp_enqueue_script( 'fsw-settings', plugins_url( 'assets/settings.js', FSW_FILE ), array(), FSW_VERSION, true );
	$server = fsw_server();
	$data   = array(
		'locale'  => 'fr' === fsw_user_language() ? 'fr-FR' : 'en-GB',
		'loader'  => '' !== $server ? fsw_loader( $server ) : null,
		'server'  => $server,
		'strings' => array(
			'none'        => __( 'No server set: the widgets are not shown.', 'france-services-widgets' ),
			'invalid'     => __( 'Not a valid address: it must start with https:// (or http://), without “?” or “#”.', 'france-services-widgets' ),
			'checking'    => __( 'Checking the server…', 'france-services-widgets' ),
			/* translators: %s: the number of France services sites the server knows, formatted ("2 845"). */
			'reachable'   => __( 'Server reachable, %s France services', 'france-services-widgets' ),
			/* translators: %s: why the server did not answer. */
			'unreachable' => __( 'Server unreachable: %s. Check the address (it starts with https:// and stops before /configurateur), or ask whoever gave it to you.', 'france-services-widgets' ),
			'network'     => __( 'no answer (wrong address, server stopped, or the server refuses this site)', 'france-services-widgets' ),
			/* translators: %d: an HTTP status code (404, 500…). */
			'httpStatus'  => __( 'HTTP %d', 'france-services-widgets' ),
			'notServer'   => __( 'the answer is not a France services widgets server’s', 'france-services-widgets' ),
			'searchWait'  => __( 'The commune search appears once the server is reachable.', 'france-services-widgets' ),
			/* translators: 1: the commune's name ("Mende"); 2: its INSEE code ("48095"). */
			'chosen'      => __( 'Default commune: %1$s (INSEE code %2$s).', 'france-services-widgets' ),
			'noCommune'   => __( 'No default commune.', 'france-services-widgets' ),
		),
	);
	wp_add_inline_script( 'fsw-settings', 'window.fswSettings = ' . wp_json_encode( $data ) . ';', 'before' );
	if ( '' !== $server ) {
		fsw_enqueue_loader( $server );
	}
}

/**
 * The page. The form posts to options.php, which checks its nonce (settings_fields()) and the
 * capability; the capability is checked here too. The settings' notices are printed by
 * WordPress above every page of the Settings menu (wp-admin/options-head.php).
 */
function fsw_render_settings_page() {
	if ( ! current_user_can( 'manage_options' ) ) {
		wp_die( esc_html__( 'Sorry, you are not allowed to manage these settings.', 'france-services-widgets' ), 403 );
	}
	?>
	<div class="wrap fsw-settings">
		<h1><?php echo esc_html( get_admin_page_title() ); ?></h1>
		<p><?php esc_html_e( 'The France services widgets (finder, site card, banner…) are added to pages as blocks, or with the shortcode [france_services widget="site-locator" commune="48095"] in the classic editor. This independent project is not an official service of the State.', 'france-services-widgets' ); ?></p>
		<form action="options.php" method="post">
			<?php
			settings_fields( FSW_OPTION );
			do_settings_sections( FSW_SETTINGS_PAGE );
			submit_button();
			?>
		</form>
	</div>
	<?php
}

/**
 * The server section's introduction.
 */
function fsw_render_server_section() {
	echo '<p>' . esc_html__( 'The widgets and their data come from a France services widgets server: the public one your site chooses, or your own. Nothing is shown until a server is set.', 'france-services-widgets' ) . '</p>';
}

/**
 * The server's address, with the line where its live check is said.
 */
function fsw_render_server_field() {
	$settings = fsw_settings();
	printf(
		'<input type="url" id="fsw-server" name="%1$s[server]" value="%2$s" class="regular-text code" placeholder="https://widgets.example.fr" autocomplete="url" spellcheck="false" aria-describedby="fsw-server-status fsw-server-help">',
		esc_attr( FSW_OPTION ),
		esc_attr( $settings['server'] )
	);
	echo '<p id="fsw-server-status" class="fsw-status" role="status" aria-live="polite"></p>';
	echo '<p id="fsw-server-help" class="description">' . esc_html__( 'The address of the server, e.g. https://widgets.example.fr (without /api or /widgets).', 'france-services-widgets' ) . '</p>';
}

/**
 * The widgets' language.
 */
function fsw_render_lang_field() {
	$settings = fsw_settings();
	$choices  = array(
		'auto' => __( 'The page’s language (automatic)', 'france-services-widgets' ),
		'fr'   => __( 'French', 'france-services-widgets' ),
		'en'   => __( 'English', 'france-services-widgets' ),
	);
	printf( '<select id="fsw-lang" name="%s[lang]" aria-describedby="fsw-lang-help">', esc_attr( FSW_OPTION ) );
	foreach ( $choices as $value => $label ) {
		printf( '<option value="%1$s"%2$s>%3$s</option>', esc_attr( $value ), selected( $settings['lang'], $value, false ), esc_html( $label ) );
	}
	echo '</select>';
	echo '<p id="fsw-lang-help" class="description">' . esc_html__( 'A block or a shortcode may choose its own language (lang attribute).', 'france-services-widgets' ) . '</p>';
}

/**
 * The default commune: the widgets' own commune search (the loader defines it), which fills the
 * hidden fields that are saved; a button removes the commune.
 */
function fsw_render_commune_field() {
	$settings = fsw_settings();
	echo '<div id="fsw-commune-field">';
	printf( '<input type="hidden" id="fsw-commune" name="%1$s[commune]" value="%2$s">', esc_attr( FSW_OPTION ), esc_attr( $settings['commune'] ) );
	printf( '<input type="hidden" id="fsw-commune-label" name="%1$s[commune_label]" value="%2$s">', esc_attr( FSW_OPTION ), esc_attr( $settings['commune_label'] ) );
	printf( '<fs-commune-search id="fsw-commune-search" commune="%s" hidden></fs-commune-search>', esc_attr( $settings['commune'] ) );
	echo '<p id="fsw-commune-wait" class="description"></p>';
	echo '<p id="fsw-commune-chosen" role="status" aria-live="polite">';
	if ( '' !== $settings['commune'] ) {
		/* translators: 1: the commune's name ("Mende"); 2: its INSEE code ("48095"). */
		echo esc_html( sprintf( __( 'Default commune: %1$s (INSEE code %2$s).', 'france-services-widgets' ), $settings['commune_label'], $settings['commune'] ) );
	} else {
		esc_html_e( 'No default commune.', 'france-services-widgets' );
	}
	echo '</p>';
	printf(
		'<button type="button" id="fsw-commune-clear" class="button"%1$s>%2$s</button>',
		esc_attr( '' === $settings['commune'] ? ' hidden' : '' ),
		esc_html__( 'Remove the default commune', 'france-services-widgets' )
	);
	echo '<p class="description">' . esc_html__( 'The finder opens on this commune, and the widgets that show one France services show its nearest one, unless a block or a shortcode chooses another commune. Remember to save.', 'france-services-widgets' ) . '</p>';
	echo '</div>';
}

/**
 * Notices in the administration: the plugin was installed without its build (no catalog), or no
 * widgets' server is set (editors are told; the link goes to the settings for those who may
 * change them). Not on the settings page itself, which says it.
 */
function fsw_admin_notices() {
	if ( ! current_user_can( 'edit_posts' ) ) {
		return;
	}
	$screen = function_exists( 'get_current_screen' ) ? get_current_screen() : null;
	if ( $screen && 'settings_page_' . FSW_SETTINGS_PAGE === $screen->id ) {
		return;
	}
	if ( ! fsw_catalog()['loaded'] ) {
		if ( current_user_can( 'activate_plugins' ) ) {
			echo '<div class="notice notice-error"><p>' . esc_html__( 'France services widgets: the plugin is incomplete (generated/widgets.json is missing). Install the plugin’s zip (dist/france-services-widgets.zip), not its source folder.', 'france-services-widgets' ) . '</p></div>';
		}
		return;
	}
	if ( '' !== fsw_server() ) {
		return;
	}
	echo '<div class="notice notice-warning"><p>';
	esc_html_e( 'France services widgets: no widgets’ server is set, so the widgets are not shown on the site.', 'france-services-widgets' );
	if ( current_user_can( 'manage_options' ) ) {
		echo ' <a href="' . esc_url( admin_url( 'options-general.php?page=' . FSW_SETTINGS_PAGE ) ) . '">' . esc_html__( 'Choose the server in Settings → France services', 'france-services-widgets' ) . '</a>';
	} else {
		echo ' ' . esc_html__( 'Ask an administrator to choose it in Settings → France services.', 'france-services-widgets' );
	}
	echo '</p></div>';
}

/**
 * A « Settings » link beside the plugin's name in the plugins list.
 *
 * @param array $links The plugin's action links.
 * @return array
 */
function fsw_plugin_action_links( $links ) {
	if ( current_user_can( 'manage_options' ) ) {
		array_unshift( $links, '<a href="' . esc_url( admin_url( 'options-general.php?page=' . FSW_SETTINGS_PAGE ) ) . '">' . esc_html__( 'Settings', 'france-services-widgets' ) . '</a>' );
	}
	return $links;
}
