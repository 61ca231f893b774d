package load

import (
	"bytes"
	"testing"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/internal/fixture"
	"github.com/callscope/callscope/report"
)

// loadOne loads a document that holds one record.
func loadOne(t *testing.T, doc string) *data.Record {
	t.Helper()
	f, err := Load("t.json", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	return f.Records[0]
}

// reportIn is a file's report in a format.
func reportIn(t *testing.T, f *data.File, format report.Format) string {
	t.Helper()
	var b bytes.Buffer
	if err := report.Write(&b, f, format); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// generated is a generated record of 400 sessions, over 4 MiB.
func generated(t *testing.T) []byte {
	t.Helper()
	return fixture.Generated(t, 400, 5)
}
