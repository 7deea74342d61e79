/** Node's codes for a TLS certificate it cannot verify (self-signed, unknown issuer, wrong host). */
const CERTIFICATE_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS|HOSTNAME|ALTNAME/i;

/** Whether a failed sign-in request failed on the server's certificate, wherever n8n put the code. */
export function isUntrustedCertificate(error: unknown): boolean {
	for (let current = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; current && depth < 5; depth++) {
		if (typeof current.code === 'string' && CERTIFICATE_CODES.test(current.code)) return true;
		current = current.cause as typeof current;
	}
	return false;
}

/** What the user sees when a sign-in fails on the certificate: what happened and what to do. */
export function untrustedCertificateError(product: string, url: string): Error {
	return new Error(
		`The HTTPS certificate of ${product} at ${url} is not trusted. If it uses its own (self-signed) certificate, turn on "Allow Self-Signed Certificate" in the credential; otherwise give it a certificate from a trusted authority.`,
	);
}
