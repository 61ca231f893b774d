package data

import "unsafe"

// unsafeString views b as a string without copying. The caller must not
// change b while the string is in use: the loader uses it for the input file,
// which it never changes, so every value is a zero-copy substring of it.
func unsafeString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}
