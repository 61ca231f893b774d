package pstn

import (
	"errors"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/load"
)

// OpenBytes reads a source that may be a call record or one of Graph's
// call logs, read already: exactly one of file and log is set. A source
// that is neither is refused with the loader's error. It is the loader's
// entry for whatever shows a saved PSTN, Direct Routing, SMS, dial-out or
// blocked-users log as a table (WriteTable, Columns and Cells; Facts for
// one row's details) where a call record would be shown. b must not change
// afterwards.
func OpenBytes(name string, b []byte, lim load.Limits) (*data.File, *Log, error) {
	f, err := lim.Load(name, b)
	if err == nil {
		return f, nil, nil
	}
	nc := (*load.NotCallRecordError)(nil)
	if errors.As(err, &nc) && nc.Log == load.NoLog {
		return nil, nil, err // no log either (an empty collection may be anything): the loader says what it is
	}
	if log, lerr := classify(name, b, lim, err); lerr == nil {
		return nil, log, nil
	}
	return nil, nil, err // neither: the loader says what the file is
}
