package pstn

import (
	"errors"
	"io"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/load"
)

// Open reads a source that may be a call record or one of Graph's call
// logs: exactly one of file and log is set. path is a file, or "-" for
// standard input, read once within lim as the loader reads it. A source
// that is neither is refused with the loader's error.
//
// This is the loader's entry for whatever shows a saved PSTN, Direct
// Routing, SMS, dial-out or blocked-users log as a table (WriteTable,
// Columns and Cells; Facts for one row's details) where a call record
// would be shown.
func Open(path string, stdin io.Reader, lim load.Limits) (file *data.File, log *Log, err error) {
	b, err := lim.ReadSource(path, stdin)
	if err != nil {
		return nil, nil, err
	}
	return OpenBytes(path, b, lim)
}

// OpenBytes is Open of bytes read already. b must not change afterwards.
func OpenBytes(name string, b []byte, lim load.Limits) (*data.File, *Log, error) {
	f, err := lim.Load(name, b)
	if err == nil {
		return f, nil, nil
	}
	var nc *load.NotCallRecordError
	var se *load.SyntaxError
	switch {
	case errors.As(err, &nc) && nc.Log != load.NoLog && nc.Syntax == nil:
		log, perr := parseAs(name, b, KindOf(nc.Log))
		if perr != nil {
			return nil, nil, perr
		}
		return nil, log, nil
	case errors.As(err, &se) && !errors.As(err, &nc):
		// JSON lines of rows, as `callscope pstn --format json` writes them.
		if log, ok := parseLines(name, b, lim); ok {
			return nil, log, nil
		}
	}
	return nil, nil, err
}
