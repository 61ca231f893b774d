package findings_test

import (
	"testing"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/load"
)

// loadOne loads a document that holds one record.
func loadOne(t *testing.T, doc string) *data.Record {
	t.Helper()
	f, err := load.Load("t.json", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	return f.Records[0]
}
