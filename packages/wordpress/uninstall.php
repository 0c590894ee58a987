<?php
/**
 * Uninstalling the plugin removes what it keeps in the database: its option (`fsw_settings`) and
 * its transients (`fsw_loader_…`, `fsw_nearest_…`), on every site of a network.
 *
 * @package France_Services_Widgets
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

/**
 * Removes the plugin's option and transients from the current site.
 */
function fsw_uninstall_site() {
	global $wpdb;
	delete_option( 'fsw_settings' );
	// Transients have no API to list them: their names begin with the plugin's prefix.
	$names = $wpdb->get_col( // phpcs:ignore WordPress.VIP.DirectDatabaseQuery.DirectQuery, WordPress.VIP.DirectDatabaseQuery.NoCaching -- once, when uninstalling.
		$wpdb->prepare(
			"SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE %s",
			$wpdb->esc_like( '_transient_fsw_' ) . '%'
		)
	);
	foreach ( $names as $name ) {
		delete_transient( substr( $name, strlen( '_transient_' ) ) );
	}
}

if ( is_multisite() ) {
	$fsw_site_ids = get_sites(
		array(
			'fields' => 'ids',
			'number' => 0,
		)
	);
	foreach ( $fsw_site_ids as $fsw_site_id ) {
		switch_to_blog( $fsw_site_id ); // phpcs:ignore WordPress.VIP.RestrictedFunctions.switch_to_blog_switch_to_blog -- every site of a network is cleaned.
		fsw_uninstall_site();
		restore_current_blog();
	}
} else {
	fsw_uninstall_site();
}
