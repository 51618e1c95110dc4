package hexapi

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"strings"
)

// tlsProblem explains a failed TLS handshake with host in plain words, and
// reports false for any other error. A handshake that fails this way fails
// the same way every time, so the request is not retried.
func tlsProblem(err error, host string) (string, bool) {
	var (
		unknown  x509.UnknownAuthorityError
		hostname x509.HostnameError
		invalid  x509.CertificateInvalidError
		record   tls.RecordHeaderError
		verify   *tls.CertificateVerificationError
	)
	switch {
	case errors.As(err, &unknown):
		return fmt.Sprintf("the TLS certificate of %s is not trusted: it is signed by an authority this machine does not know "+
			"(a self-signed certificate, or a proxy's own CA); check the --target URL, or add that CA to the system's "+
			"trusted certificates (or point SSL_CERT_FILE at it)", host), true
	case errors.As(err, &hostname):
		return fmt.Sprintf("the TLS certificate %s presented is not trusted: it is for another name (%v); "+
			"check the --target URL", host, hostname.Error()), true
	case errors.As(err, &invalid):
		return fmt.Sprintf("the TLS certificate of %s is not trusted: %v; check the certificate and this machine's clock",
			host, invalid.Error()), true
	case errors.As(err, &verify):
		return fmt.Sprintf("the TLS certificate of %s is not trusted: %v", host, verify.Err), true
	case errors.As(err, &record) || strings.Contains(err.Error(), "server gave HTTP response to HTTPS client"):
		return fmt.Sprintf("%s does not speak TLS (https); check the --target URL (a local simulator uses http://)", host), true
	}
	return "", false
}
