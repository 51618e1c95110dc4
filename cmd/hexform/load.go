package main

import (
	"fmt"
	"strconv"

	"github.com/hexform/hexform/reconcile"
	"github.com/hexform/hexform/schema"
)

// maxFileSizeVar sets the largest workspace file hexform reads.
const maxFileSizeVar = "HEXFORM_MAX_FILE_SIZE"

// loadOptions reads the loader's settings from the environment.
func loadOptions(e *env) (schema.Options, error) {
	v := e.getenv(maxFileSizeVar)
	if v == "" {
		return schema.Options{}, nil
	}
	n, err := schema.ParseByteSize(v)
	if err != nil {
		return schema.Options{}, withHint(fmt.Errorf("%s: %v", maxFileSizeVar, err),
			"unset it for the default of "+schema.FormatByteSize(schema.DefaultMaxFileSize))
	}
	return schema.Options{MaxFileSize: n}, nil
}

// batchVar sets how many changes the file target writes at once.
const batchVar = "HEXFORM_APPLY_BATCH"

// batchSize reads batchVar: a whole number of changes, at least 1; 0 when
// unset (the default).
func batchSize(e *env) (int, error) {
	v := e.getenv(batchVar)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0, withHint(fmt.Errorf("%s: want a whole number of changes, at least 1, got %q", batchVar, v),
			fmt.Sprintf("unset it for the default of %d; 1 writes the state after every change", reconcile.BatchSize))
	}
	return n, nil
}
