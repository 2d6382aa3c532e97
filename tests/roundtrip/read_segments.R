# Reads segments.csv with R's read.csv and checks every row against the stored text.
args <- commandArgs(trailingOnly = TRUE)
out <- args[1]
rows <- read.csv(file.path(out, "segments.csv"), encoding = "UTF-8", stringsAsFactors = FALSE,
                 colClasses = "character", na.strings = character(0))
stopifnot(ncol(rows) == 10, nrow(rows) > 0)
for (i in seq_len(nrow(rows))) {
  path <- file.path(out, "texts", paste0(rows$source[i], ".txt"))
  text <- readChar(path, file.info(path)$size, useBytes = TRUE)
  Encoding(text) <- "UTF-8"
  span <- substr(text, as.integer(rows$start[i]) + 1, as.integer(rows$end[i]))
  if (!identical(enc2utf8(rows$text[i]), span)) stop(sprintf("row %s differs: [%s] vs [%s]", rows$id[i], rows$text[i], span))
}
stopifnot(any(grepl("\n", rows$text, fixed = TRUE)), any(grepl("\"", rows$text, fixed = TRUE)))
cat(sprintf("R read.csv: %d rows read back exactly\n", nrow(rows)))
