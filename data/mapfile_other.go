//go:build !linux

package data

import "io"

// Map is ReadSource where files are not mapped.
func (lim Limits) Map(path string, stdin io.Reader) (b []byte, mapped bool, err error) {
	b, err = lim.ReadSource(path, stdin)
	return b, false, err
}
