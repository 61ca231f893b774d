package export

import (
	"fmt"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/callscope/callscope/text"
)

// Format is an output format.
type Format string

const (
	NDJSON  Format = "ndjson"
	CSV     Format = "csv"
	Parquet Format = "parquet"
)

// ParseFormat accepts ndjson (or jsonl, json), csv and parquet.
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(s) {
	case "ndjson", "jsonl", "json":
		return NDJSON, nil
	case "csv":
		return CSV, nil
	case "parquet":
		return Parquet, nil
	}
	return "", fmt.Errorf("unknown format %q: use ndjson, csv or parquet", s)
}

// FormatOf guesses the format from an output file's name: .csv, .parquet,
// else NDJSON.
func FormatOf(path string) Format {
	switch p := strings.ToLower(path); {
	case strings.HasSuffix(p, ".csv"):
		return CSV
	case strings.HasSuffix(p, ".parquet"), strings.HasSuffix(p, ".pq"):
		return Parquet
	}
	return NDJSON
}

// RowGroupRows is the rows of a Parquet row group: DuckDB's own row group
// size, so that it reads one row group per thread.
const RowGroupRows = 122880

// encoder writes a table in one format. A chunk of rows is encoded on any
// goroutine (newChunk, add); the chunks are written in order on one.
type encoder interface {
	newChunk() chunk
	begin() error
	write(c chunk) error
	end() error
}

type chunk interface {
	add(row []Value)
	rows() int
	reset()
}

func newEncoder(f Format, w io.Writer, t *Table, o Options) (encoder, error) {
	switch f {
	case NDJSON:
		return newNDJSON(w, t), nil
	case CSV:
		return newCSV(w, t), nil
	case Parquet:
		return newParquet(w, t, o)
	}
	return nil, fmt.Errorf("unknown format %q", f)
}

// bytesChunk is rows encoded as text.
type bytesChunk struct {
	b      []byte
	n      int
	encode func(b []byte, row []Value) []byte
}

func (c *bytesChunk) add(row []Value) { c.b = c.encode(c.b, row); c.n++ }
func (c *bytesChunk) rows() int       { return c.n }
func (c *bytesChunk) reset()          { c.b, c.n = c.b[:0], 0 }

// textEncoder writes text chunks as they are.
type textEncoder struct {
	w      io.Writer
	header []byte
	encode func(b []byte, row []Value) []byte
}

func (e *textEncoder) newChunk() chunk {
	// Room for a chunk's rows at once: growing it costs more than the rows.
	return &bytesChunk{encode: e.encode, b: make([]byte, 0, 4<<20)}
}
func (e *textEncoder) write(c chunk) error {
	_, err := e.w.Write(c.(*bytesChunk).b)
	return err
}
func (e *textEncoder) end() error { return nil }
func (e *textEncoder) begin() error {
	if len(e.header) == 0 {
		return nil
	}
	_, err := e.w.Write(e.header)
	return err
}

// NDJSON: one JSON object per line, every column a key (null when missing).

func newNDJSON(w io.Writer, t *Table) encoder {
	keys := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		k := string(text.AppendJSON(nil, c.Name)) + ":"
		if i == 0 {
			k = "{" + k
		} else {
			k = "," + k
		}
		keys[i] = k
	}
	cols := t.Columns
	return &textEncoder{w: w, encode: func(b []byte, row []Value) []byte {
		for i := range cols {
			b = append(b, keys[i]...)
			b = appendJSONValue(b, cols[i].Type, &row[i])
		}
		return append(b, "}\n"...)
	}}
}

func appendJSONValue(b []byte, t Type, v *Value) []byte {
	if !v.OK {
		return append(b, "null"...)
	}
	switch t {
	case String:
		return text.AppendJSON(b, v.S)
	case Int, Int32:
		return strconv.AppendInt(b, v.N, 10)
	case Float:
		return appendFloat(b, v.F)
	case Bool:
		return strconv.AppendBool(b, v.N != 0)
	case Time:
		b = append(b, '"')
		b = appendTime(b, v.N)
		return append(b, '"')
	case Strings:
		b = append(b, '[')
		for i, s := range v.L {
			if i > 0 {
				b = append(b, ',')
			}
			b = text.AppendJSON(b, s)
		}
		return append(b, ']')
	}
	return append(b, "null"...)
}

// appendFloat writes a number as JSON and CSV readers expect: plain
// decimals, exponents only for the very large and very small.
func appendFloat(b []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) { // never from JSON; kept for safety
		return append(b, "null"...)
	}
	if a := math.Abs(f); a != 0 && (a < 1e-6 || a >= 1e21) {
		return strconv.AppendFloat(b, f, 'e', -1, 64)
	}
	return strconv.AppendFloat(b, f, 'f', -1, 64)
}

// appendTime writes an instant in RFC 3339, UTC, with as many fractional
// digits as it has.
func appendTime(b []byte, ns int64) []byte {
	return time.Unix(0, ns).UTC().AppendFormat(b, time.RFC3339Nano)
}

// CSV: RFC 4180, a header line of column names, CRLF line ends. A missing
// value is an empty cell. Text from the record that would start a formula
// in a spreadsheet (=, +, -, @, tab, CR) is prefixed with a single quote.

func newCSV(w io.Writer, t *Table) encoder {
	cols := t.Columns
	var h []byte
	for i, c := range cols {
		if i > 0 {
			h = append(h, ',')
		}
		h = appendCSVText(h, c.Name)
	}
	h = append(h, "\r\n"...)
	return &textEncoder{w: w, header: h, encode: func(b []byte, row []Value) []byte {
		for i := range cols {
			if i > 0 {
				b = append(b, ',')
			}
			v := &row[i]
			if !v.OK {
				continue
			}
			switch cols[i].Type {
			case String:
				b = appendCSVText(b, v.S)
			case Strings:
				b = appendCSVText(b, strings.Join(v.L, "; "))
			case Time:
				b = appendTime(b, v.N)
			default:
				b = appendJSONValue(b, cols[i].Type, v) // numbers and true/false
			}
		}
		return append(b, "\r\n"...)
	}}
}

// appendCSVText appends record text as one CSV field: cleaned as all
// record text is, defused as a formula, quoted when it must be.
func appendCSVText(b []byte, s string) []byte {
	s = text.Clean(s) // no line breaks or control characters are left
	formula := s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0
	if !formula && !strings.ContainsAny(s, "\",\r\n") && (s == "" || s[0] != ' ') {
		return append(b, s...)
	}
	b = append(b, '"')
	if formula {
		b = append(b, '\'')
	}
	for {
		i := strings.IndexByte(s, '"')
		if i < 0 {
			break
		}
		b = append(b, s[:i+1]...)
		b = append(b, '"')
		s = s[i+1:]
	}
	b = append(b, s...)
	return append(b, '"')
}

// Parquet: every column optional (a missing value is NULL) except the
// lists, which are empty instead; text UTF-8, integers INT64, instants
// TIMESTAMP(MICROS, UTC), ids as text (Graph's ids are strings, not all
// GUIDs).

type parquetEncoder struct {
	w     *parquet.GenericWriter[any]
	types []Type
}

// parquetSchema builds the schema from the columns, in their order.
func parquetSchema(t *Table) *parquet.Schema {
	fields := make([]reflect.StructField, len(t.Columns))
	for i, c := range t.Columns {
		var typ reflect.Type
		tag := c.Name + ",optional"
		switch c.Type {
		case String:
			typ = reflect.TypeFor[*string]()
			if c.Dict {
				tag += ",dict"
			}
		case Int, Int32:
			typ = reflect.TypeFor[*int64]()
		case Float:
			typ = reflect.TypeFor[*float64]()
		case Bool:
			typ = reflect.TypeFor[*bool]()
		case Time:
			typ = reflect.TypeFor[*time.Time]()
			tag += ",timestamp(microsecond:utc)"
		case Strings:
			typ = reflect.TypeFor[[]string]()
			tag = c.Name + ",list"
		}
		fields[i] = reflect.StructField{Name: c.Name, Type: typ, Tag: reflect.StructTag(`parquet:"` + tag + `"`)}
	}
	st := reflect.StructOf(fields)
	return parquet.NewSchema(t.Name, parquet.SchemaOf(reflect.New(st).Elem().Interface()))
}

func newParquet(w io.Writer, t *Table, o Options) (encoder, error) {
	codec := parquet.Compression(&parquet.Zstd)
	switch o.Compression {
	case "", "zstd":
	case "snappy":
		codec = parquet.Compression(&parquet.Snappy)
	default:
		return nil, fmt.Errorf("unknown compression %q: use zstd or snappy", o.Compression)
	}
	schema := parquetSchema(t)
	rg := o.rowGroupRows
	if rg <= 0 {
		rg = RowGroupRows
	}
	pw := parquet.NewGenericWriter[any](w, schema, codec,
		parquet.MaxRowsPerRowGroup(int64(rg)),
		parquet.CreatedBy("callscope", o.Version, ""),
		parquet.KeyValueMetadata("callscope.table", t.Name))
	types := make([]Type, len(t.Columns))
	for i, c := range t.Columns {
		types[i] = c.Type
	}
	return &parquetEncoder{w: pw, types: types}, nil
}

// rowsChunk is rows as Parquet values. Their text is copied into an arena
// of the chunk's own: Parquet keeps the bytes of a page's values until the
// page is written, and a sparse column's page may span many records, which
// would all stay in memory if the values pointed into them.
type rowsChunk struct {
	types  []Type
	values []parquet.Value
	ends   []int
	buf    []parquet.Row
	arena  []byte
}

// text copies s into the arena and returns the copy.
func (c *rowsChunk) text(s string) []byte {
	s = text.Clean(s)
	if cap(c.arena)-len(c.arena) < len(s) {
		// A new arena: the old one stays as long as Parquet needs it.
		c.arena = make([]byte, 0, max(1<<20, len(s)))
	}
	n := len(c.arena)
	c.arena = append(c.arena, s...)
	return c.arena[n:len(c.arena):len(c.arena)]
}

func (e *parquetEncoder) newChunk() chunk { return &rowsChunk{types: e.types} }
func (e *parquetEncoder) begin() error    { return nil }
func (e *parquetEncoder) end() error      { return e.w.Close() }

func (e *parquetEncoder) write(c chunk) error {
	rc := c.(*rowsChunk)
	rc.buf = rc.buf[:0]
	start := 0
	for _, end := range rc.ends {
		rc.buf = append(rc.buf, rc.values[start:end:end])
		start = end
	}
	_, err := e.w.WriteRows(rc.buf)
	return err
}

func (c *rowsChunk) rows() int { return len(c.ends) }
func (c *rowsChunk) reset() {
	c.values, c.ends = c.values[:0], c.ends[:0]
	c.arena = nil // Parquet may still hold it: never written again
}

func (c *rowsChunk) add(row []Value) {
	v := c.values
	for i, t := range c.types {
		x := &row[i]
		if t == Strings {
			if !x.OK || len(x.L) == 0 {
				v = append(v, parquet.NullValue().Level(0, 0, i))
				continue
			}
			for j, s := range x.L {
				v = append(v, parquet.ByteArrayValue(c.text(s)).Level(min(j, 1), 1, i))
			}
			continue
		}
		if !x.OK {
			v = append(v, parquet.NullValue().Level(0, 0, i))
			continue
		}
		var p parquet.Value
		switch t {
		case String:
			p = parquet.ByteArrayValue(c.text(x.S))
		case Int, Int32:
			p = parquet.Int64Value(x.N)
		case Float:
			p = parquet.DoubleValue(x.F)
		case Bool:
			p = parquet.BooleanValue(x.N != 0)
		case Time:
			p = parquet.Int64Value(x.N / 1e3)
		}
		v = append(v, p.Level(0, 1, i))
	}
	c.values = v
	c.ends = append(c.ends, len(v))
}
