"""The heads of the technique model: a ridge over TF-IDF n-grams (one column per technique) stacked under
a small MLP over MiniLM context features. Trained with scikit-learn and PyTorch; inference is plain numpy
so loading the model never imports torch."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse


@dataclass
class LexicalHead:
    coef: np.ndarray  # (vocabulary, labels)
    intercept: np.ndarray  # (labels,)

    def scores(self, lex: sparse.csr_matrix) -> np.ndarray:
        return np.asarray(lex @ self.coef + self.intercept, dtype=np.float32)


def fit_lexical(lex: sparse.csr_matrix, y: np.ndarray, alpha: float = 10.0) -> LexicalHead:
    """Multi-output ridge regression of the 0/1 labels on TF-IDF rows (fast, one solve for all labels)."""
    from sklearn.linear_model import Ridge

    r = Ridge(alpha=alpha, solver="sparse_cg", fit_intercept=True).fit(lex, y)
    return LexicalHead(np.asarray(r.coef_.T, dtype=np.float32), np.asarray(r.intercept_, dtype=np.float32))


@dataclass
class NetWeights:
    """One MLP, or an ensemble when the arrays carry a leading member axis (probabilities are averaged)."""

    w1: np.ndarray  # ([members,] dense_dim, hidden)
    b1: np.ndarray
    w2: np.ndarray  # ([members,] hidden, labels)
    b2: np.ndarray

    def predict(self, dense: np.ndarray) -> np.ndarray:
        if self.w1.ndim == 3:
            return np.mean([NetWeights(*(a[k] for a in (self.w1, self.b1, self.w2, self.b2))).predict(dense)
                            for k in range(self.w1.shape[0])], axis=0)
        h = np.maximum(dense @ self.w1 + self.b1, 0.0)
        return np.asarray(1.0 / (1.0 + np.exp(-(h @ self.w2 + self.b2))), dtype=np.float32)

    @classmethod
    def stack(cls, members: list[NetWeights]) -> NetWeights:
        return cls(*(np.stack([getattr(m, k) for m in members]) for k in ("w1", "b1", "w2", "b2")))


def train_net(dense: np.ndarray, y: np.ndarray, seed: int = 0, hidden: int = 256, epochs: int = 20,
              lr: float = 2e-3, batch: int = 128, dropout: float = 0.3, weight_decay: float = 1e-2,
              pos_weight_cap: float = 3.0) -> NetWeights:
    """Fit the MLP with binary cross-entropy; positives of rare labels get a capped extra weight."""
    import torch
    from torch import nn

    torch.set_num_threads(1)  # more threads thrash on a shared 2-core machine
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    n, d = dense.shape
    labels = y.shape[1]
    lin1, lin2 = nn.Linear(d, hidden), nn.Linear(hidden, labels)
    drop = nn.Dropout(dropout)
    opt = torch.optim.AdamW([*lin1.parameters(), *lin2.parameters()], lr=lr, weight_decay=weight_decay)
    pos = y.sum(axis=0)
    pw = np.clip(np.sqrt((n - pos) / np.maximum(pos, 1.0)) / 2.0, 1.0, pos_weight_cap)
    loss_fn = nn.BCEWithLogitsLoss(pos_weight=torch.tensor(pw, dtype=torch.float32))
    xd = torch.from_numpy(dense.astype(np.float32))
    yt = torch.from_numpy(y.astype(np.float32))
    steps = epochs * ((n + batch - 1) // batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=lr, total_steps=max(steps, 1))
    for _ in range(epochs):
        order = torch.from_numpy(rng.permutation(n))
        for s in range(0, n, batch):
            b = order[s:s + batch]
            loss = loss_fn(lin2(drop(torch.relu(lin1(drop(xd[b]))))), yt[b])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
    with torch.no_grad():
        return NetWeights(lin1.weight.T.numpy().copy(), lin1.bias.numpy().copy(), lin2.weight.T.numpy().copy(),
                          lin2.bias.numpy().copy())
