"""Django's Redis cache, made to degrade to a miss when Redis is away.

Every use of the cache here is an optimisation or a soft limit (Wagtail's
site-root cache, the audit start limit), so a Redis restart must never turn
into an error page: reads miss, writes are skipped, each failure is logged.
Django's built-in RedisCache has no IGNORE_EXCEPTIONS option (django-redis
has, but it is a second Redis client for one flag), hence this subclass.
"""

import functools
import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def _tolerant(fallback):
    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except RedisError as error:
                logger.warning("Cache unavailable for %s (%s): treated as a miss", method.__name__, error)
                return fallback(*args, **kwargs) if callable(fallback) else fallback

        return wrapper

    return decorate


def _default_of_get(key, default=None, version=None):
    return default


def _no_counter(*args, **kwargs):
    # A missing counter: callers of incr() already handle ValueError.
    raise ValueError("cache unavailable")


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's Redis client builds a new ``redis.Redis`` for every cache call,
    and redis-py fills a table of ~170 response callbacks in each: a third of
    a millisecond per call, three calls on a counted download. One client per
    connection pool does the same (clients are thread-safe; the pool hands
    out the connections)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class TolerantRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    get = _tolerant(_default_of_get)(RedisCache.get)
    get_many = _tolerant({})(RedisCache.get_many)
    has_key = _tolerant(False)(RedisCache.has_key)
    add = _tolerant(False)(RedisCache.add)
    set = _tolerant(None)(RedisCache.set)
    set_many = _tolerant([])(RedisCache.set_many)
    touch = _tolerant(False)(RedisCache.touch)
    delete = _tolerant(False)(RedisCache.delete)
    delete_many = _tolerant(None)(RedisCache.delete_many)
    clear = _tolerant(False)(RedisCache.clear)
    incr = _tolerant(_no_counter)(RedisCache.incr)
