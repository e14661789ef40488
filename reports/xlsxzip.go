package reports

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash"
	"hash/crc32"
	"io"
	"io/fs"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"
)

// sortedZip is the zip writer of a workbook (excelize.File.SetZipWriter):
// it compresses each part as excelize hands it over, at flate's fastest
// level, and writes them all on Close in reverse name order, the order
// excelize gives the parts it holds in memory.
//
// The order is why it exists: excelize writes the streamed sheets first,
// in the order of a map, so that a workbook of several streamed sheets
// would otherwise differ from one run to the next. With it every sheet
// is streamed (StreamWriter: no cell-by-cell XML model to build and
// marshal), and the bytes depend on the parts only. The fastest level
// makes the workbook a few per cent larger than zip's default level and
// compresses in about half the time.
type sortedZip struct {
	w     io.Writer
	parts []*zipPart
	open  *zipPart // being written; compressed by fw
	fw    *flate.Writer
	crc   hash.Hash32
	err   error
}

// zipPart is one compressed part of the archive.
type zipPart struct {
	name string
	data bytes.Buffer // compressed
	crc  uint32
	size uint64 // uncompressed
}

func newSortedZip(w io.Writer) excelize.ZipWriter { return &sortedZip{w: w, crc: crc32.NewIEEE()} }

// Create starts the part name; the previous part is complete.
func (z *sortedZip) Create(name string) (io.Writer, error) {
	if err := z.finish(); err != nil {
		return nil, err
	}
	p := &zipPart{name: name}
	if z.fw == nil {
		fw, err := flate.NewWriter(&p.data, flate.BestSpeed)
		if err != nil {
			return nil, err
		}
		z.fw = fw
	} else {
		z.fw.Reset(&p.data)
	}
	z.crc.Reset()
	z.open = p
	z.parts = append(z.parts, p)
	return partWriter{z}, nil
}

// partWriter writes into the open part.
type partWriter struct{ z *sortedZip }

func (pw partWriter) Write(b []byte) (int, error) {
	z := pw.z
	if z.err != nil {
		return 0, z.err
	}
	z.crc.Write(b)
	z.open.size += uint64(len(b))
	n, err := z.fw.Write(b)
	if err != nil {
		z.err = err
	}
	return n, err
}

// finish closes the compression of the open part.
func (z *sortedZip) finish() error {
	if z.err != nil {
		return z.err
	}
	if z.open == nil {
		return nil
	}
	if err := z.fw.Close(); err != nil {
		z.err = err
		return err
	}
	z.open.crc = z.crc.Sum32()
	z.open = nil
	return nil
}

// AddFS is not used by excelize when it saves a workbook.
func (z *sortedZip) AddFS(fs.FS) error {
	return errors.New("workbook zip: AddFS is not supported")
}

// Close writes the archive: every part in reverse name order, then the
// central directory.
func (z *sortedZip) Close() error {
	if err := z.finish(); err != nil {
		return err
	}
	slices.SortStableFunc(z.parts, func(a, b *zipPart) int { return strings.Compare(b.name, a.name) })
	zw := zip.NewWriter(z.w)
	for _, p := range z.parts {
		w, err := zw.CreateRaw(&zip.FileHeader{
			Name:               p.name,
			Method:             zip.Deflate,
			CRC32:              p.crc,
			CompressedSize64:   uint64(p.data.Len()),
			UncompressedSize64: p.size,
		})
		if err != nil {
			return err
		}
		if _, err := w.Write(p.data.Bytes()); err != nil {
			return err
		}
	}
	return zw.Close()
}
