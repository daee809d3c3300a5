#!/usr/bin/python3
"""Baseline for the themes benchmark: TF-IDF + truncated SVD + k-means (scikit-learn).

  themes_baseline.py nmi FILE TEXT_COLUMN TRUTH_FILE K
      groups the comments of FILE into K groups and prints "nmi X seconds Y" against the
      labels in TRUTH_FILE (one integer per data row, -1 = not scored).
  themes_baseline.py classify FFT_FILE
      5-fold cross-validation of TF-IDF + one-vs-rest LinearSVC for the framework categories
      (micro and macro F1 over categories that occur) and TF-IDF + logistic regression for
      3-class sentiment; prints "micro X macro Y sentiment_macro Z sentiment_negative W".
  themes_baseline.py grouped FFT_FILE
      the same models trained on every trust but one and tested on that one (each trust in
      turn, predictions pooled); prints "micro X macro Y sentiment_macro Z spearman W".
Run by tests/bench/themes_bench with Debian's python3-sklearn.
"""
import csv
import sys
import time
import warnings

from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import normalized_mutual_info_score
from sklearn.preprocessing import Normalizer


def read_fft(path):
    """The rows of an FFT file and its category columns (those after "Comment sentiment")."""
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        header = reader.fieldnames
        rows = list(reader)
    return rows, header[header.index("Comment sentiment") + 1:]


def classify(path):
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score
    from sklearn.model_selection import KFold, cross_val_predict
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.svm import LinearSVC

    rows, categories = read_fft(path)
    texts = [r["FFT answer"] for r in rows]
    folds = KFold(5, shuffle=True, random_state=0)
    labels = np.array([[1 if r[c] == "1" else 0 for c in categories] for r in rows])
    present = labels.sum(axis=0) > 0
    predicted = cross_val_predict(
        make_pipeline(TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=2),
                      OneVsRestClassifier(LinearSVC())), texts, labels, cv=folds)
    micro = f1_score(labels[:, present], predicted[:, present], average="micro")
    macro = f1_score(labels[:, present], predicted[:, present], average="macro", zero_division=0)
    scored = [r for r in rows if r["Comment sentiment"]]
    sentiment = np.array([0 if int(r["Comment sentiment"]) <= 2 else 1 if r["Comment sentiment"] == "3"
                          else 2 for r in scored])
    guess = cross_val_predict(make_pipeline(TfidfVectorizer(sublinear_tf=True),
                                            LogisticRegression(max_iter=1000)),
                              [r["FFT answer"] for r in scored], sentiment, cv=folds)
    per_class = f1_score(sentiment, guess, average=None)
    print(f"micro {micro:.4f} macro {macro:.4f} sentiment_macro {per_class.mean():.4f} "
          f"sentiment_negative {per_class[2]:.4f}")


def grouped(path):
    import numpy as np
    from scipy.stats import spearmanr
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.svm import LinearSVC

    rows, categories = read_fft(path)
    trusts = sorted({r["Trust"] for r in rows})
    labels = np.array([[1 if r[c] == "1" else 0 for c in categories] for r in rows])
    predicted = np.zeros_like(labels)
    truth, guess, score, coder = [], [], [], []
    for trust in trusts:
        train = [i for i, r in enumerate(rows) if r["Trust"] != trust]
        test = [i for i, r in enumerate(rows) if r["Trust"] == trust]
        usable = labels[train].sum(axis=0) > 0
        model = make_pipeline(TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=2),
                              OneVsRestClassifier(LinearSVC()))
        model.fit([rows[i]["FFT answer"] for i in train], labels[train][:, usable])
        out = model.predict([rows[i]["FFT answer"] for i in test])
        predicted[np.ix_(test, np.where(usable)[0])] = out
        scored_train = [i for i in train if rows[i]["Comment sentiment"]]
        scored_test = [i for i in test if rows[i]["Comment sentiment"]]
        cls = lambda i: 0 if int(rows[i]["Comment sentiment"]) <= 2 else (
            1 if rows[i]["Comment sentiment"] == "3" else 2)
        lr = make_pipeline(TfidfVectorizer(sublinear_tf=True), LogisticRegression(max_iter=1000))
        lr.fit([rows[i]["FFT answer"] for i in scored_train], [cls(i) for i in scored_train])
        texts = [rows[i]["FFT answer"] for i in scored_test]
        guess += list(lr.predict(texts))
        p = lr.predict_proba(texts)
        order = list(lr.classes_)
        score += list(p[:, order.index(0)] - p[:, order.index(2)])
        truth += [cls(i) for i in scored_test]
        coder += [6 - int(rows[i]["Comment sentiment"]) for i in scored_test]
    present = labels.sum(axis=0) > 0
    micro = f1_score(labels[:, present], predicted[:, present], average="micro")
    macro = f1_score(labels[:, present], predicted[:, present], average="macro", zero_division=0)
    sentiment_macro = f1_score(truth, guess, average="macro")
    rho = spearmanr(score, coder).correlation
    print(f"micro {micro:.4f} macro {macro:.4f} sentiment_macro {sentiment_macro:.4f} "
          f"spearman {rho:.4f}")


def main():
    if sys.argv[1] == "classify":
        classify(sys.argv[2])
        return
    if sys.argv[1] == "grouped":
        grouped(sys.argv[2])
        return
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
    warnings.filterwarnings("ignore")
    main()
