package data

// Opt is a value that may be missing. Call records leave out or null any
// field, and a missing packet loss rate must never read as 0 %.
type Opt[T any] struct {
	V  T
	OK bool
}

// Some returns a present value.
func Some[T any](v T) Opt[T] { return Opt[T]{V: v, OK: true} }
