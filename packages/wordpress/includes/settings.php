<?php
/**
 * The plugin's one option, `fsw_settings`: the widgets' server, the widgets' language and the
 * default commune, with its validation (the Settings API's sanitize callback).
 *
 * @package France_Services_Widgets
 */

defined( 'ABSPATH' ) || exit;

/**
 * The option's name (also the Settings API's group).
 */
const FSW_OPTION = 'fsw_settings';

/**
 * The settings page's slug: `options-general.php?page=france-services-widgets`.
 */
const FSW_SETTINGS_PAGE = 'france-services-widgets';

/**
 * The widgets' languages the settings offer: `auto` leaves the widgets to the page's language
 * (its nearest `lang`, which WordPress sets on `<html>`).
 */
const FSW_LANGUAGES = array( 'auto', 'fr', 'en' );

/**
 * The settings before any are saved. The server: the one whose zip this is
 * (`generated/default-server.txt`, added by the widgets' server to the copy it offers for
 * download, /wordpress/france-services-widgets.zip), else the one the build chose
 * (`FS_WORDPRESS_DEFAULT_SERVER`, written into the catalog), else none.
 *
 * @return array{server: string, lang: string, commune: string, commune_label: string}
 */
function fsw_default_settings() {
	static $server = null;
	if ( null === $server ) {
		$server = '';
		$file   = FSW_DIR . 'generated/default-server.txt';
		$lines  = is_readable( $file ) ? file( $file, FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES ) : false;
		foreach ( array( is_array( $lines ) && $lines ? $lines[0] : '', fsw_catalog()['defaultServer'] ) as $candidate ) {
			$normalized = fsw_normalize_server( $candidate );
			if ( is_string( $normalized ) && '' !== $normalized ) {
				$server = $normalized;
				break;
			}
		}
	}
	return array(
		'server'        => $server,
		'lang'          => 'auto',
		'commune'       => '',
		'commune_label' => '',
	);
}

/**
 * The settings saved, completed with the defaults.
 *
 * @return array{server: string, lang: string, commune: string, commune_label: string}
 */
function fsw_settings() {
	$saved = get_option( FSW_OPTION, array() );
	return wp_parse_args( is_array( $saved ) ? $saved : array(), fsw_default_settings() );
}

/**
 * The widgets' server, without a trailing `/` (`https://widgets.example.fr`), or '' when none is set.
 *
 * @return string
 */
function fsw_server() {
	$server = fsw_normalize_server( fsw_settings()['server'] );
	return is_string( $server ) ? $server : '';
}

/**
 * A server address as the settings keep it: an absolute `https://` or `http://` URL, without
 * query, fragment or credentials, its trailing `/` removed (`https://x/fs/` → `https://x/fs`).
 *
 * @param string $url The address typed.
 * @return string|false The address to keep ('' for none), or false when it is no such URL.
 */
function fsw_normalize_server( $url ) {
	$url = trim( (string) $url );
	if ( '' === $url ) {
		return '';
	}
	if ( preg_match( '/[\s<>"\'\\\\`{}|^]/', $url ) || false !== strpbrk( $url, '?#' ) ) {
		return false;
	}
	$parts = wp_parse_url( $url );
	if ( ! is_array( $parts ) || empty( $parts['scheme'] ) || empty( $parts['host'] ) || isset( $parts['user'] ) || isset( $parts['pass'] ) ) {
		return false;
	}
	$scheme = strtolower( $parts['scheme'] );
	if ( 'https' !== $scheme && 'http' !== $scheme ) {
		return false;
	}
	return rtrim( $url, '/' );
}

/**
 * Registers the option with the Settings API (its form posts to options.php, which checks the
 * nonce of settings_fields() and the `manage_options` capability before calling the sanitizer).
 */
function fsw_register_settings() {
	register_setting(
		FSW_OPTION,
		FSW_OPTION,
		array(
			'type'              => 'array',
			'sanitize_callback' => 'fsw_sanitize_settings',
			'default'           => fsw_default_settings(),
			'show_in_rest'      => false,
		)
	);
}

/**
 * Validates the settings posted. A value that is not valid is refused with a settings error and
 * the previous value kept; the server is then asked whether it answers (a notice says so, the
 * value is kept either way: a server may be down for a moment), and the loader's integrity is
 * fetched again.
 *
 * WordPress runs this twice when the option is first created (update_option() then
 * add_option()): the second run gets the first's result, and says nothing again.
 *
 * @param mixed $input The posted `fsw_settings[…]` fields.
 * @return array The settings to save.
 */
function fsw_sanitize_settings( $input ) {
	static $done = array();

	$input  = is_array( $input ) ? $input : array();
	$output = fsw_settings();
	$key    = md5( (string) wp_json_encode( $input ) );
	$quiet  = isset( $done[ $key ] );

	if ( array_key_exists( 'server', $input ) ) {
		$server = fsw_normalize_server( sanitize_text_field( wp_unslash( (string) $input['server'] ) ) );
		if ( false === $server ) {
			if ( ! $quiet ) {
				fsw_settings_notice(
					FSW_OPTION,
					'fsw-server-invalid',
					__( 'The widgets’ server must be a web address starting with https:// (or http://), without “?” or “#”, e.g. https://widgets.example.fr. The previous address is kept.', 'france-services-widgets' )
				);
			}
		} else {
			$output['server'] = $server;
		}
	}

	if ( array_key_exists( 'lang', $input ) ) {
		$lang = sanitize_key( (string) $input['lang'] );
		if ( in_array( $lang, FSW_LANGUAGES, true ) ) {
			$output['lang'] = $lang;
		} elseif ( ! $quiet ) {
			fsw_settings_notice( FSW_OPTION, 'fsw-lang-invalid', __( 'Unknown language for the widgets: the previous choice is kept.', 'france-services-widgets' ) );
		}
	}

	if ( array_key_exists( 'commune', $input ) ) {
		$raw     = sanitize_text_field( wp_unslash( (string) $input['commune'] ) );
		$commune = fsw_insee( $raw );
		if ( '' === $raw ) {
			$output['commune']       = '';
			$output['commune_label'] = '';
		} elseif ( null === $commune ) {
			if ( ! $quiet ) {
				fsw_settings_notice( FSW_OPTION, 'fsw-commune-invalid', __( 'The default commune must be chosen in the list of communes. The previous commune is kept.', 'france-services-widgets' ) );
			}
		} else {
			$label                   = isset( $input['commune_label'] ) ? sanitize_text_field( wp_unslash( (string) $input['commune_label'] ) ) : '';
			$output['commune']       = $commune;
			$output['commune_label'] = '' !== $label ? mb_substr( $label, 0, fsw_catalog()['valueMaxLength'] ) : $commune;
		}
	}

	// WordPress says « Settings saved. » only when no notice was added: said here, since the
	// server's check adds one (a value refused is said apart, the others are saved).
	if ( ! $quiet ) {
		fsw_settings_notice( FSW_OPTION, 'fsw-saved', __( 'Settings saved.', 'france-services-widgets' ), 'success' );
	}

	if ( ! $quiet && '' !== $output['server'] ) {
		$meta = fsw_server_meta( $output['server'] );
		if ( is_wp_error( $meta ) ) {
			fsw_settings_notice(
				FSW_OPTION,
				'fsw-server-unreachable',
				/* translators: %s: why the server did not answer ("HTTP 404", "cURL error 7: Failed to connect…"). */
				sprintf( __( 'Server unreachable: %s. The address is saved; the widgets will not show until the server answers. Check the address (it starts with https:// and stops before /configurateur), or ask whoever gave it to you.', 'france-services-widgets' ), $meta->get_error_message() ),
				'warning'
			);
		} else {
			fsw_settings_notice(
				FSW_OPTION,
				'fsw-server-reachable',
				/* translators: %s: the number of France services sites the server knows, formatted ("2 845"). */
				sprintf( __( 'Server reachable, %s France services.', 'france-services-widgets' ), fsw_format_count( $meta['sites'] ) ),
				'success'
			);
		}
		fsw_forget_loader( $output['server'] );
	}
	$done[ $key ] = true;
	return $output;
}

/**
 * Adds a notice to the settings page's next display. The option may also be saved outside the
 * administration (WP-CLI, a script), where the Settings API's notices do not exist: nothing is
 * said there.
 *
 * @param string $setting The option.
 * @param string $code    The notice's code (its id in the page: `setting-error-{code}`).
 * @param string $message The notice.
 * @param string $type    `error`, `warning`, `success` or `info`.
 */
function fsw_settings_notice( $setting, $code, $message, $type = 'error' ) {
	if ( function_exists( 'add_settings_error' ) ) {
		add_settings_error( $setting, $code, $message, $type );
	}
}
