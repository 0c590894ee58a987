<?php
/**
 * What the plugin asks the widgets' server, with WordPress's HTTP API: whether it answers and how
 * many sites it knows (`/api/v1/meta`), the pinned loader and its integrity
 * (`/widgets/integrity.json`), and the nearest site of a commune (`/api/v1/sites`). Answers are
 * kept in transients (all named `fsw_…`, removed by uninstall.php) so that a page view seldom
 * waits for the server.
 *
 * @package France_Services_Widgets
 */

defined( 'ABSPATH' ) || exit;

/**
 * How long a request to the widgets' server may take, in seconds.
 */
const FSW_HTTP_TIMEOUT = 5;

/**
 * How long an answer that says the server could not be used is kept (a server down, an address
 * mistyped): short, and long enough that the visitors' page views do not each wait for it.
 */
const FSW_FAILURE_TTL = 300;

/**
 * GETs a JSON document from the widgets' server.
 *
 * `wp_remote_get()` rather than `wp_safe_remote_get()`: the server the administrator chose may
 * be on the local network (a test server, a community's own machine).
 *
 * @param string $url The document's address.
 * @return array|WP_Error The decoded JSON object, or why there is none.
 */
function fsw_get_json( $url ) {
	// phpcs:ignore WordPress.VIP.RestrictedFunctions.wp_remote_get_wp_remote_get -- a plugin for any host, not WordPress.com VIP.
	$response = wp_remote_get(
		$url,
		array(
			'timeout' => FSW_HTTP_TIMEOUT,
			'headers' => array( 'Accept' => 'application/json' ),
		)
	);
	if ( is_wp_error( $response ) ) {
		return $response;
	}
	$code = (int) wp_remote_retrieve_response_code( $response );
	if ( 200 !== $code ) {
		/* translators: %d: an HTTP status code (404, 500…). */
		return new WP_Error( 'fsw_http_status', sprintf( __( 'HTTP %d', 'france-services-widgets' ), $code ) );
	}
	$data = json_decode( wp_remote_retrieve_body( $response ), true );
	if ( ! is_array( $data ) ) {
		return new WP_Error( 'fsw_not_json', __( 'the answer is not JSON (is this the widgets’ server?)', 'france-services-widgets' ) );
	}
	return $data;
}

/**
 * Asks the server whether it answers, and how many France services it knows. Not cached: called
 * when the settings are saved.
 *
 * @param string $server The widgets' server, without a trailing `/`.
 * @return array{sites: int, version: string}|WP_Error
 */
function fsw_server_meta( $server ) {
	$meta = fsw_get_json( $server . '/api/v1/meta' );
	if ( is_wp_error( $meta ) ) {
		return $meta;
	}
	if ( ! isset( $meta['counts']['sites'] ) || ! is_numeric( $meta['counts']['sites'] ) ) {
		return new WP_Error( 'fsw_not_server', __( 'the answer is not a France services widgets server’s', 'france-services-widgets' ) );
	}
	return array(
		'sites'   => (int) $meta['counts']['sites'],
		'version' => isset( $meta['version'] ) ? (string) $meta['version'] : '',
	);
}

/**
 * A count of sites as the person reads numbers: « 2 845 » in French (a narrow no-break space, as
 * `Intl.NumberFormat('fr-FR')` writes it in the browser), « 2,845 » in English.
 *
 * @param int $count The number.
 * @return string
 */
function fsw_format_count( $count ) {
	return 'fr' === fsw_user_language() ? number_format( (float) $count, 0, ',', "\u{202F}" ) : number_format( (float) $count );
}

/**
 * The transient that keeps a server's loader.
 *
 * @param string $server The widgets' server.
 * @return string
 */
function fsw_loader_transient( $server ) {
	return 'fsw_loader_' . md5( $server );
}

/**
 * The widgets' loader a page loads: the release the server pins
 * (`{server}/widgets/v0.1.0/fs-widgets.js`) with its Subresource Integrity from
 * `{server}/widgets/integrity.json`, kept for an hour; when the server offers no integrity (or
 * does not answer), the latest loader `{server}/widgets/fs-widgets.js` without integrity, asked
 * again after five minutes.
 *
 * @param string $server The widgets' server, without a trailing `/`.
 * @return array{url: string, integrity: string}
 */
function fsw_loader( $server ) {
	$key    = fsw_loader_transient( $server );
	$loader = get_transient( $key );
	if ( is_array( $loader ) && isset( $loader['url'], $loader['integrity'] ) ) {
		return $loader;
	}
	$loader = array(
		'url'       => $server . '/widgets/fs-widgets.js',
		'integrity' => '',
	);
	$index  = fsw_get_json( $server . '/widgets/integrity.json' );
	if ( ! is_wp_error( $index ) && isset( $index['version'], $index['files']['fs-widgets.js']['integrity'] ) ) {
		$version   = (string) $index['version'];
		$integrity = trim( (string) $index['files']['fs-widgets.js']['integrity'] );
		if ( preg_match( '/^\d[0-9A-Za-z.+-]*$/', $version ) && preg_match( '/^(sha(256|384|512)-[A-Za-z0-9+\/]+={0,2}\s*)+$/', $integrity ) ) {
			$loader = array(
				'url'       => $server . '/widgets/v' . $version . '/fs-widgets.js',
				'integrity' => $integrity,
			);
		}
	}
	set_transient( $key, $loader, '' !== $loader['integrity'] ? HOUR_IN_SECONDS : FSW_FAILURE_TTL );
	return $loader;
}

/**
 * Forgets the loader kept for a server, and asks for it again (the settings were saved: a new
 * release may be out, or the server was changed).
 *
 * @param string $server The widgets' server.
 */
function fsw_forget_loader( $server ) {
	delete_transient( fsw_loader_transient( $server ) );
	fsw_loader( $server );
}

/**
 * The nearest France services of a commune, as the server finds it
 * (`/api/v1/sites?commune=48095&limit=1`), kept for 12 hours (an error for five minutes).
 *
 * @param string $server The widgets' server, without a trailing `/`.
 * @param string $insee  The commune's INSEE code.
 * @return array{id: string, name: string}|WP_Error The site, or why there is none.
 */
function fsw_nearest_site( $server, $insee ) {
	$key    = 'fsw_nearest_' . md5( $server . '|' . $insee );
	$cached = get_transient( $key );
	if ( is_array( $cached ) ) {
		return isset( $cached['error'] ) ? new WP_Error( 'fsw_nearest', $cached['error'] ) : $cached;
	}
	$query  = array(
		'commune' => $insee,
		'limit'   => 1,
	);
	$answer = fsw_get_json( add_query_arg( $query, $server . '/api/v1/sites' ) );
	if ( is_wp_error( $answer ) ) {
		set_transient( $key, array( 'error' => $answer->get_error_message() ), FSW_FAILURE_TTL );
		return $answer;
	}
	if ( empty( $answer['items'][0]['id'] ) ) {
		$error = __( 'the server found no France services for this commune', 'france-services-widgets' );
		set_transient( $key, array( 'error' => $error ), FSW_FAILURE_TTL );
		return new WP_Error( 'fsw_nearest', $error );
	}
	$site = array(
		'id'   => (string) $answer['items'][0]['id'],
		'name' => isset( $answer['items'][0]['name'] ) ? (string) $answer['items'][0]['name'] : '',
	);
	set_transient( $key, $site, 12 * HOUR_IN_SECONDS );
	return $site;
}
