import { createHmac } from 'crypto';

/**
 * Which sign-in a stored token belongs to: an HMAC of the settings it was got with (address, client,
 * user, password, ...), keyed by the token itself so that no plain hash of a password is stored.
 *
 * n8n keeps the token in the credential and sends it until it is refused, and a credential test in
 * the editor may use it too. So after the user edits the password or the address, `authenticate`
 * sends the stored token only while its owner still matches: otherwise the API answers 401, n8n
 * signs in again with what the user typed, and a wrong password fails clearly instead of passing
 * on the old session.
 */
export function tokenOwner(token: string, signInSettings: unknown[]): string {
	return createHmac('sha256', token).update(JSON.stringify(signInSettings)).digest('hex');
}

export function ownsToken(token: string, signInSettings: unknown[], owner: unknown): boolean {
	return token !== '' && owner === tokenOwner(token, signInSettings);
}
