package httpapi

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// Server limits set by [NewServer].
const (
	ReadHeaderTimeout = 5 * time.Second
	ReadTimeout       = 10 * time.Second
	IdleTimeout       = 60 * time.Second
	// MaxHeaderBytes bounds the request line and headers. Requests beyond it
	// are refused by net/http with 431 before being read whole; URLs longer
	// than MaxURLBytes but within this bound get 414 from the handler.
	MaxHeaderBytes = 64 << 10
)

// NewServer returns an http.Server for h with timeouts and header limits
// set and its error log going to opts.Logger. WriteTimeout leaves room for
// a search of opts.Timeout.
func NewServer(h http.Handler, opts Options) *http.Server {
	opts.SetDefaults()
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: ReadHeaderTimeout,
		ReadTimeout:       ReadTimeout,
		WriteTimeout:      opts.Timeout + 10*time.Second,
		IdleTimeout:       IdleTimeout,
		MaxHeaderBytes:    MaxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(opts.Logger.Handler(), slog.LevelError),
	}
}

// Serve serves srv on ln until ctx ends, then shuts srv down gracefully:
// it stops accepting, lets in-flight requests finish for up to grace, then
// closes the remaining connections. It returns once srv.Serve has
// returned: nil after a graceful shutdown, otherwise the error.
func Serve(ctx context.Context, srv *http.Server, ln net.Listener, grace time.Duration) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve on %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), grace)
	defer cancel()
	shutErr := srv.Shutdown(sctx)
	if shutErr != nil {
		shutErr = fmt.Errorf("shut down after %s: %w", grace, errors.Join(shutErr, srv.Close()))
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return errors.Join(shutErr, fmt.Errorf("serve on %s: %w", ln.Addr(), err))
	}
	return shutErr
}
