#!/usr/bin/python3
"""Baseline for the themes benchmark: TF-IDF + truncated SVD + k-means (scikit-learn).

  themes_baseline.py nmi FILE TEXT_COLUMN TRUTH_FILE K
      groups the comments of FILE into K groups and prints "nmi X seconds Y" against the
      labels in TRUTH_FILE (one integer per data row, -1 = not scored).
Run by tests/bench/themes_bench with Debian's python3-sklearn.
"""
import csv
import sys
import time

from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import normalized_mutual_info_score
from sklearn.preprocessing import Normalizer


def main():
    _, mode, path, column, truth_path, k = sys.argv
    csv.field_size_limit(10**7)
    with open(path, encoding="utf-8", newline="") as f:
        texts = [row[column] for row in csv.DictReader(f)]
    with open(truth_path) as f:
        truth = [int(line) for line in f]
    start = time.perf_counter()
    vectors = TfidfVectorizer(sublinear_tf=True, stop_words="english", ngram_range=(1, 2),
                              min_df=2).fit_transform(texts)
    reduced = TruncatedSVD(n_components=100, random_state=0).fit_transform(vectors)
    reduced = Normalizer(copy=False).fit_transform(reduced)
    groups = KMeans(n_clusters=int(k), n_init=3, random_state=0).fit_predict(reduced)
    seconds = time.perf_counter() - start
    scored = [i for i, t in enumerate(truth) if t >= 0]
    nmi = normalized_mutual_info_score([truth[i] for i in scored], [groups[i] for i in scored])
    print(f"nmi {nmi:.4f} seconds {seconds:.2f}")


if __name__ == "__main__":
    main()
