<?php
/**
 * The check of a value given for a widget's attribute (a shortcode's attribute, a block's
 * attribute), the same as `checkAttributeValue()` of the widgets' embedding contract
 * (packages/contract/src/embed.ts): same kinds, options, longest value, no control characters.
 *
 * @package France_Services_Widgets
 */

defined( 'ABSPATH' ) || exit;

/**
 * INSEE code of a commune (`48095`, `2A004`), the form the widgets and the API take.
 */
const FSW_INSEE_PATTERN = '/^([0-9]{5}|2[AB][0-9]{3})$/';

/**
 * Checks a value for an attribute.
 *
 * A `null` value in the answer means "leave the attribute out" (a boolean set to false, an empty
 * value); an empty string means a boolean attribute written without a value. The value is never
 * trusted to be safe HTML: it is escaped where it is written.
 *
 * @param array  $attribute An attribute of the catalog (`name`, `kind`, `options`).
 * @param string $raw       The value given.
 * @return array{ok: bool, value?: string|null, reason?: string} The value to write, or why it is refused.
 */
function fsw_check_attribute_value( $attribute, $raw ) {
	$value      = trim( (string) $raw );
	$max_length = fsw_catalog()['valueMaxLength'];
	if ( ( function_exists( 'mb_strlen' ) ? mb_strlen( $value, 'UTF-8' ) : strlen( $value ) ) > $max_length ) {
		return array(
			'ok'     => false,
			/* translators: %d: the longest value accepted, in characters (200). */
			'reason' => sprintf( __( 'longer than %d characters', 'france-services-widgets' ), $max_length ),
		);
	}
	if ( preg_match( '/[\x00-\x1f\x7f]/', $value ) ) {
		return array(
			'ok'     => false,
			'reason' => __( 'contains control characters', 'france-services-widgets' ),
		);
	}
	switch ( $attribute['kind'] ) {
		case 'boolean':
			if ( '' === $value || 'true' === $value || $attribute['name'] === $value ) {
				return array(
					'ok'    => true,
					'value' => '',
				);
			}
			if ( 'false' === $value ) {
				return array(
					'ok'    => true,
					'value' => null,
				);
			}
			return array(
				'ok'     => false,
				'reason' => __( 'a yes/no attribute: give it without a value (or true / false)', 'france-services-widgets' ),
			);
		case 'number':
			if ( '' === $value ) {
				return array(
					'ok'    => true,
					'value' => null,
				);
			}
			if ( preg_match( '/^-?\d+(\.\d+)?$/', $value ) ) {
				return array(
					'ok'    => true,
					'value' => $value,
				);
			}
			return array(
				'ok'     => false,
				'reason' => __( 'must be a number', 'france-services-widgets' ),
			);
		case 'enum':
			$options = isset( $attribute['options'] ) && is_array( $attribute['options'] ) ? $attribute['options'] : array();
			if ( '' === $value ) {
				return array(
					'ok'    => true,
					'value' => null,
				);
			}
			if ( in_array( $value, $options, true ) ) {
				return array(
					'ok'    => true,
					'value' => $value,
				);
			}
			return array(
				'ok'     => false,
				/* translators: %s: the values accepted, separated by commas ("list, map, split"). */
				'reason' => sprintf( __( 'must be one of %s', 'france-services-widgets' ), implode( ', ', $options ) ),
			);
		default:
			return array(
				'ok'    => true,
				'value' => '' === $value ? null : $value,
			);
	}
}

/**
 * A commune given by INSEE code, in the API's form (upper case: `2a004` → `2A004`), or null when
 * it is no INSEE code.
 *
 * @param string $value The value given.
 * @return string|null
 */
function fsw_insee( $value ) {
	$code = strtoupper( trim( (string) $value ) );
	return preg_match( FSW_INSEE_PATTERN, $code ) ? $code : null;
}

/**
 * A value given for one of a widget's attributes (by a shortcode, or a block's attributes),
 * checked as fsw_check_attribute_value() does, a `commune` made an INSEE code in the API's form;
 * or, when it is refused, the notice that tells editors why (nothing for visitors).
 *
 * @param array  $widget    A widget of the catalog.
 * @param array  $attribute One of its attributes.
 * @param string $raw       The value given.
 * @return array{ok: true, value: string|null}|array{ok: false, notice: string}
 */
function fsw_checked_attribute( $widget, $attribute, $raw ) {
	$check = fsw_check_attribute_value( $attribute, $raw );
	if ( ! $check['ok'] ) {
		return array(
			'ok'     => false,
			'notice' => fsw_editor_notice(
				sprintf(
					/* translators: 1: the attribute; 2: the widget's title; 3: why the value is refused ("must be a number"). */
					__( 'France services: the value of the attribute “%1$s” of the widget “%2$s” is refused: %3$s.', 'france-services-widgets' ),
					$attribute['name'],
					fsw_widget_title( $widget ),
					$check['reason']
				)
			),
		);
	}
	if ( 'commune' === $attribute['name'] && null !== $check['value'] ) {
		$code = fsw_insee( $check['value'] );
		if ( null === $code ) {
			return array(
				'ok'     => false,
				'notice' => fsw_editor_notice( fsw_commune_refused( $widget, $raw ) ),
			);
		}
		$check['value'] = $code;
	}
	return $check;
}
