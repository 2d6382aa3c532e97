# Reads segments.csv with R's read.csv and checks every row against the stored text; then a timed
# corpus written with a byte-order mark: its seconds, and its sources.csv merged with its segments.
args <- commandArgs(trailingOnly = TRUE)
out <- args[1]
rows <- read.csv(file.path(out, "segments.csv"), encoding = "UTF-8", stringsAsFactors = FALSE,
                 colClasses = "character", na.strings = character(0))
stopifnot(identical(names(rows), c("id", "source", "seq", "turn", "speaker", "interviewer", "start", "end",
                                   "start_seconds", "end_seconds", "attributes", "text")), nrow(rows) > 0)
for (i in seq_len(nrow(rows))) {
  path <- file.path(out, "texts", paste0(rows$source[i], ".txt"))
  text <- readChar(path, file.info(path)$size, useBytes = TRUE)
  Encoding(text) <- "UTF-8"
  span <- substr(text, as.integer(rows$start[i]) + 1, as.integer(rows$end[i]))
  if (!identical(enc2utf8(rows$text[i]), span)) stop(sprintf("row %s differs: [%s] vs [%s]", rows$id[i], rows$text[i], span))
}
stopifnot(any(grepl("\n", rows$text, fixed = TRUE)), any(grepl("\"", rows$text, fixed = TRUE)))
cat(sprintf("R read.csv: %d rows read back exactly\n", nrow(rows)))

# fileEncoding "UTF-8-BOM" drops the byte-order mark that --bom writes for Excel.
timed <- args[2]
segments <- read.csv(file.path(timed, "segments.csv"), fileEncoding = "UTF-8-BOM", stringsAsFactors = FALSE,
                     colClasses = c(speaker = "character", attributes = "character", text = "character"))
sources <- read.csv(file.path(timed, "sources.csv"), fileEncoding = "UTF-8-BOM", stringsAsFactors = FALSE)
stopifnot(identical(names(segments)[1], "id"), identical(segments$start_seconds, c(2, 7, 75)),
          identical(segments$end_seconds, c(7, 75, NA)))
merged <- merge(segments, sources, by.x = "source", by.y = "id")
stopifnot(nrow(merged) == 3, all(merged$format == "otter"))
cat(sprintf("R read.csv: %d timed rows and their source read back from files with a byte-order mark\n", nrow(segments)))
